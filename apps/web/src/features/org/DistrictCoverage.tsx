import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CoverageLine } from '../../app/types.ts';
import { DataTable } from '../../app/table.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { housesLabel, streetLabel } from './coverage.ts';

/** The streets and house numbers the district covers. */
export function DistrictCoverage({ lines }: { lines: readonly CoverageLine[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (lines.length === 0) return <Text c="gray.8">{t('district.coverageEmpty')}</Text>;
  const sorted = [...lines].sort((a, b) => streetLabel(a, language, t).localeCompare(streetLabel(b, language, t), language)
    || (a.houseFrom ?? 0) - (b.houseFrom ?? 0));
  return (
    <DataTable
      label={t('district.coverage')}
      minWidth={420}
      testId="district-coverage"
      rows={sorted}
      rowKey={(line) => line.id}
      columns={[
        { id: 'street', header: t('district.street'), stack: 'title', cell: (line) => streetLabel(line, language, t) },
        { id: 'houses', header: t('district.houses'), cell: (line) => housesLabel(line, t) },
        { id: 'parity', header: t('district.parity'), cell: (line) => t(`parity.${line.parity}`) },
      ]}
    />
  );
}
