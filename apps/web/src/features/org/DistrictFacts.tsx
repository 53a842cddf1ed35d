import { Anchor, Group, List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../app/format.ts';
import type { DistrictDetail } from '../../app/types.ts';
import { localName, localText } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

/** Label/value pairs as a description list. */
export function Facts({ items, stacked = false }: { items: Array<[string, ReactNode]>; stacked?: boolean }) {
  return (
    <dl className={stacked ? 'facts facts-stacked' : 'facts'}>
      {items.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function DistrictFacts({ district }: { district: DistrictDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const atu = district.atuDetail;
  const notSet = <Text span c="gray.8" fs="italic">{t('app.notSet')}</Text>;
  const text = (value: string | null) => value || notSet;

  return (
    <Facts items={[
      [t('district.code'), district.code],
      [t('district.population'), district.population == null ? notSet : formatNumber(district.population, language)],
      [t('district.region'), localName(district.region, language)],
      [t('district.unit'), (
        <Anchor component={Link} to={`/org?unitId=${district.unit.id}`}>{localName(district.unit, language)}</Anchor>
      )],
      [t('district.point'), (
        <Anchor component={Link} to={`/org?pointId=${district.point.id}`}>{localName(district.point, language)}</Anchor>
      )],
      [t('district.atu'), `${localName(atu, language)} (${t(`atuKinds.${atu.kind}`)})`],
      [t('district.akim'), text(atu.akimName)],
      [t('district.akimat'), text(localText(atu.akimatNameKk, atu.akimatNameRu, language))],
      [t('district.maslikhat'), text(localText(atu.maslikhatNameKk, atu.maslikhatNameRu, language))],
      [t('district.adjacent'), district.adjacent.length === 0 ? <Text span c="gray.8">{t('district.noAdjacent')}</Text> : (
        <Group gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="district-adjacent">
          {district.adjacent.map((neighbour) => (
            <li key={neighbour.id}>
              <Anchor component={Link} to={`/districts/${neighbour.id}`}>{localName(neighbour, language)}</Anchor>
            </li>
          ))}
        </Group>
      )],
    ]} />
  );
}

export function DistrictStaff({ district }: { district: DistrictDetail }) {
  const { t } = useTranslation();
  // Label above value: the card is half the page wide, and full names are three words long.
  return (
    <Facts stacked items={[
      [t('district.inspector'), district.inspector
        ? <span data-testid="district-inspector">{district.inspector.fullName}</span>
        : <Text span c="gray.8">{t('district.noInspector')}</Text>],
      [t('district.assistants'), district.assistants.length === 0
        ? <Text span c="gray.8">{t('district.noAssistants')}</Text>
        : <List size="sm" spacing={2}>{district.assistants.map((a) => <List.Item key={a.id}>{a.fullName}</List.Item>)}</List>],
    ]} />
  );
}
