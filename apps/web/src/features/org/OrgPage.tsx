import { Grid, Paper, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { DistrictsTable } from './DistrictsTable.tsx';
import { fetchOrgTree, orgKeys } from './org.api.ts';
import { OrgTree } from './OrgTree.tsx';

/** The organisation browser: the tree of the user's territory and the table of its districts. */
export function OrgPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('org.title')} — ${t('app.name')}`);
  const tree = useQuery({ queryKey: orgKeys.tree, queryFn: ({ signal }) => fetchOrgTree(signal), staleTime: 5 * 60_000 });

  return (
    <Stack gap="md">
      <Title order={1}>{t('org.title')}</Title>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <Paper withBorder p="sm" component="section" aria-labelledby="org-tree-title">
            <Title order={2} size="h4" mb="xs" id="org-tree-title">{t('org.tree')}</Title>
            {tree.isPending && <PageLoader />}
            {tree.isError && <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />}
            {tree.data && <OrgTree tree={tree.data} />}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <Paper withBorder p="sm" component="section" aria-labelledby="districts-title">
            <Title order={2} size="h4" mb="xs" id="districts-title">{t('org.districts')}</Title>
            <DistrictsTable />
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
