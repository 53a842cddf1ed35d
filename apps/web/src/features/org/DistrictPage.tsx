import { Anchor, Breadcrumbs, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { lazyComponent } from '../../app/lazy.ts';
import { ErrorAlert, MessagePage, PageLoader } from '../../app/status.tsx';
import type { DistrictDetail } from '../../app/types.ts';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { PlanMeetingButton } from '../meetings/PlanMeetingButton.tsx';
import { PreferredHours } from '../meetings/PreferredHours.tsx';
import { DistrictStatistics } from '../statistics/DistrictStatistics.tsx';
import { DistrictAssignments } from './DistrictAssignments.tsx';
import { DistrictCoverage } from './DistrictCoverage.tsx';
import { DistrictFacts, DistrictStaff } from './DistrictFacts.tsx';
import { fetchDistrict, orgKeys } from './org.api.ts';
import { ServedByForm } from './ServedByForm.tsx';

// The forms of those who may change the district are chunks of their own: an inspector, who
// only reads the page, does not download them.
const AssignModal = lazyComponent(() => import('./AssignModal.tsx'), (m) => m.AssignModal);
const DistrictEditModal = lazyComponent(() => import('./DistrictEditModal.tsx'), (m) => m.DistrictEditModal);

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="sm" id={id}>{title}</Title>
      {children}
    </Paper>
  );
}

function DistrictNotFound() {
  const { t } = useTranslation();
  return (
    <MessagePage title={t('district.notFoundTitle')} text={t('district.notFoundText')}>
      <Anchor component={Link} to="/org">{t('district.backToOrg')}</Anchor>
    </MessagePage>
  );
}

function DistrictError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1}>{t('org.levels.district')}</Title>
      <ErrorAlert error={error} onRetry={onRetry} />
    </Stack>
  );
}

function DistrictView({ district }: { district: DistrictDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [editing, edit] = useDisclosure(false);
  const [assigning, assign] = useDisclosure(false);
  // The assignments endpoint returns plain rows: who may update the district may assign to it.
  const canAssign = district.abilities.update;
  const name = localName(district, language);
  useDocumentTitle(`${name} — ${t('app.name')}`);

  return (
    <Stack gap="md">
      <nav aria-label={t('org.title')}>
        <Breadcrumbs separatorMargin={6} styles={{ breadcrumb: { whiteSpace: 'normal', lineHeight: 1.4 } }}>
          <Anchor component={Link} to="/org" size="sm">{localName(district.region, language)}</Anchor>
          <Anchor component={Link} to={`/org?unitId=${district.unit.id}`} size="sm">{localName(district.unit, language)}</Anchor>
          <Anchor component={Link} to={`/org?pointId=${district.point.id}`} size="sm">{localName(district.point, language)}</Anchor>
        </Breadcrumbs>
      </nav>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={1} data-testid="district-title">{name}</Title>
          <Text c="gray.8">{t('org.levels.district')} · {district.code}</Text>
        </div>
        {district.abilities.update && (
          <Button leftSection={<IconPencil size={16} aria-hidden />} variant="default" onClick={edit.open} data-testid="district-edit">
            {t('app.edit')}
          </Button>
        )}
      </Group>
      <PlanMeetingButton districtId={district.id} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section id="district-details" title={t('district.details')}>
          <DistrictFacts district={district} />
        </Section>
        <Stack gap="md">
          <Section id="district-staff" title={t('district.staff')}>
            <DistrictStaff district={district} />
            {canAssign && (
              <Button
                mt="md"
                variant="light"
                leftSection={<IconUserPlus size={16} aria-hidden />}
                onClick={assign.open}
                data-testid="assign-open"
                styles={{ root: { height: 'auto', minHeight: 36 }, label: { whiteSpace: 'normal', textAlign: 'left', paddingBlock: 6 } }}
              >
                {t('assignment.assign')}
              </Button>
            )}
          </Section>
          <Section id="district-served-by" title={t('district.servedBy')}>
            <ServedByForm districtId={district.id} />
          </Section>
        </Stack>
      </SimpleGrid>
      <Section id="district-coverage" title={t('district.coverage')}>
        <DistrictCoverage lines={district.coverage} />
      </Section>
      <Section id="district-preferred-hours" title={t('hours.title', { ns: 'meetings' })}>
        <PreferredHours districtId={district.id} />
      </Section>
      <Section id="district-statistics" title={t('stats.title', { ns: 'report' })}>
        <DistrictStatistics districtId={district.id} />
      </Section>
      <Section id="district-assignments" title={t('district.assignments')}>
        <DistrictAssignments districtId={district.id} canEdit={canAssign} />
      </Section>
      <Suspense fallback={null}>
        {district.abilities.update && <DistrictEditModal district={district} opened={editing} onClose={edit.close} />}
        {canAssign && <AssignModal district={district} opened={assigning} onClose={assign.close} />}
      </Suspense>
    </Stack>
  );
}

/** `/districts/:id` — everything about one administrative district. */
export function DistrictPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: orgKeys.district(id), queryFn: ({ signal }) => fetchDistrict(id, signal) });
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, 404) || isApiError(query.error, 400)) return <DistrictNotFound />;
    return <DistrictError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <DistrictView district={query.data} />;
}
