import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArchive, IconBuildingBank, IconCalendarCog } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import '../meetings/meetings.css';
import { RetentionPanel } from './RetentionPanel.tsx';
import { StateBodiesPanel } from './StateBodiesPanel.tsx';
import { WorkingCalendarPanel } from './WorkingCalendarPanel.tsx';

const TABS = ['bodies', 'calendar', 'retention'] as const;
type Tab = (typeof TABS)[number];

/**
 * `/admin` — what the administrator keeps for the follow-up of meetings: the state bodies items
 * are forwarded to, the working-day calendar terms are counted on, and
 * retention of materials with legal holds.
 */
export function AdminPage() {
  const { t } = useTranslation('followup');
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'bodies';
  useDocumentTitle(`${t('admin.title')} — Esep`);
  return (
    <Stack gap="md">
      <Title order={1}>{t('admin.title')}</Title>
      <Text>{t('admin.intro')}</Text>
      <Tabs value={tab} keepMounted={false}
        onChange={(value) => setParams((p) => { const next = new URLSearchParams(p); next.set('tab', value ?? 'bodies'); return next; }, { replace: true })}>
        <Tabs.List>
          <Tabs.Tab value="bodies" leftSection={<IconBuildingBank size={16} aria-hidden />} data-testid="tab-bodies">{t('admin.tabs.bodies')}</Tabs.Tab>
          <Tabs.Tab value="calendar" leftSection={<IconCalendarCog size={16} aria-hidden />} data-testid="tab-calendar">{t('admin.tabs.calendar')}</Tabs.Tab>
          <Tabs.Tab value="retention" leftSection={<IconArchive size={16} aria-hidden />} data-testid="tab-retention">{t('admin.tabs.retention')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="bodies" pt="md"><StateBodiesPanel /></Tabs.Panel>
        <Tabs.Panel value="calendar" pt="md"><WorkingCalendarPanel /></Tabs.Panel>
        <Tabs.Panel value="retention" pt="md"><RetentionPanel /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
