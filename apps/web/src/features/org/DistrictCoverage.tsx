import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CoverageLine } from '../../app/types.ts';
import { TableScroll } from '../../app/table.tsx';
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
    <TableScroll label={t('district.coverage')} minWidth={420}>
      <Table striped verticalSpacing="xs" data-testid="district-coverage">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('district.street')}</Table.Th>
            <Table.Th>{t('district.houses')}</Table.Th>
            <Table.Th>{t('district.parity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>{streetLabel(line, language, t)}</Table.Td>
              <Table.Td>{housesLabel(line, t)}</Table.Td>
              <Table.Td>{t(`parity.${line.parity}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
