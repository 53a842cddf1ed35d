import { Anchor, Group, List, NativeSelect, Paper, Stack, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StructureSheet } from '../../app/types.ts';
import { exportUrls, isSheet, SHEETS } from './import.api.ts';

/** Downloads of the current structure (whole workbook or one sheet) and of an empty template. */
export function ExportLinks() {
  const { t } = useTranslation();
  const [sheet, setSheet] = useState<StructureSheet>('districts');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-download">
      <Stack gap="sm">
        <Title order={2} size="h4" id="import-download">{t('import.download')}</Title>
        <List spacing="sm" icon={<IconDownload size={16} aria-hidden />} center>
          <List.Item>
            <Anchor href={exportUrls.workbook} download data-testid="export-xlsx">{t('import.downloadXlsx')}</Anchor>
          </List.Item>
          <List.Item>
            <Group gap="sm" align="flex-end">
              <NativeSelect
                label={t('import.sheetSelect')}
                value={sheet}
                onChange={(event) => { if (isSheet(event.currentTarget.value)) setSheet(event.currentTarget.value); }}
                data={SHEETS.map((value) => ({ value, label: t(`import.sheets.${value}`) }))}
                data-testid="export-sheet"
              />
              <Anchor href={exportUrls.sheet(sheet)} download pb={8} data-testid="export-csv">{t('import.downloadCsv')}</Anchor>
            </Group>
          </List.Item>
          <List.Item>
            <Anchor href={exportUrls.template} download data-testid="export-template">{t('import.template')}</Anchor>
          </List.Item>
        </List>
      </Stack>
    </Paper>
  );
}
