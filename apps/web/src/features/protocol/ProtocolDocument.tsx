import { Badge, Box, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANT_CATEGORY_VALUES } from '@esep/contracts';
import { positionLabel, rankLabel } from '@esep/domain';
import type * as c from '@esep/contracts';
import type { z } from 'zod';
import { request } from '../../app/api.ts';
import type { Language } from '../../i18n/index.ts';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { RefusalAlert, RuleLink } from '../meetings/RuleRefusal.tsx';
import { formatMeetingTime } from '../meetings/time.ts';
import { formatDateTime } from '../../app/format.ts';
import { protocolChanged, reassembleProtocol, saveProtocol, type Protocol, type ProtocolContent } from './protocol.api.ts';
import { PALETTE } from '../../app/design.ts';

type Item = ProtocolContent['items'][number];
type Topic = z.infer<typeof c.Topic>;

/** The item topics (R-31), to name an item's topic code in the interface language (shared cache with other pages). */
function useTopicName(): (code: string, language: Language) => string {
  const topics = useQuery({ queryKey: ['topics'], queryFn: ({ signal }) => request<Topic[]>('/topics', { signal }), staleTime: 5 * 60_000 });
  return (code, language) => {
    const topic = topics.data?.find((x) => x.code === code);
    if (!topic) return code;
    return (language === 'kk' ? topic.nameKk : language === 'ru' ? topic.nameRu : topic.nameEn) || topic.nameRu;
  };
}

/** Dark tones keep white text above 4.5:1; the words say the route. */
const ROUTE_COLORS: Record<Item['route'], string> = {
  answered: PALETTE.success,
  check: PALETTE.caution,
  forwarding: PALETTE.accent,
  unclassified: PALETTE.neutral,
};

function Part({ id, title, rule, children, testId }: { id: string; title: string; rule?: string; children: ReactNode; testId?: string }) {
  return (
    <Box component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={3} size="h5" id={id} mb={6}>
        {title}{rule && <Text span size="sm" fw={400} c="gray.8"> (<RuleLink rule={rule} />)</Text>}
      </Title>
      {children}
    </Box>
  );
}

/** The summary and remarks of a draft, saved with the version it was read at (409 on a concurrent save). */
function DraftEditor({ protocol }: { protocol: Protocol }) {
  const { t } = useTranslation('protocol');
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState(protocol.content.reportSummary);
  const [remarks, setRemarks] = useState(protocol.content.remarks ?? '');
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const dirty = summary !== protocol.content.reportSummary || remarks !== (protocol.content.remarks ?? '');
  const save = useMutation({
    mutationFn: () => saveProtocol(protocol.meetingId, { reportSummary: summary, remarks: remarks.trim() ? remarks : null, baseVersion: protocol.version }),
    onSuccess: (next) => {
      protocolChanged(queryClient, protocol.meetingId, next);
      setSavedVersion(next.version);
    },
  });
  return (
    <Stack gap="sm" data-testid="protocol-editor">
      <Textarea label={t('content.summary')} description={t('edit.summaryHint')} autosize minRows={4} maxRows={16} maxLength={20_000}
        value={summary} onChange={(e) => { setSummary(e.currentTarget.value); setSavedVersion(null); }} data-testid="protocol-summary-input" />
      <Textarea label={t('content.remarks')} description={t('edit.remarksHint')} autosize minRows={2} maxRows={10} maxLength={20_000}
        value={remarks} onChange={(e) => { setRemarks(e.currentTarget.value); setSavedVersion(null); }} data-testid="protocol-remarks-input" />
      {save.isError && <RefusalAlert error={save.error} testId="protocol-save-error" />}
      <Group gap="sm" wrap="wrap">
        <Button onClick={() => save.mutate()} disabled={!dirty} loading={save.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}
          data-testid="protocol-save">
          {t('edit.save')}
        </Button>
        <Text size="sm" c="gray.8" aria-live="polite" data-testid="protocol-save-state">
          {dirty ? t('edit.unsaved') : savedVersion ? t('edit.saved') : ''}
        </Text>
      </Group>
    </Stack>
  );
}

export function ReassembleButton({ protocol }: { protocol: Protocol }) {
  const { t } = useTranslation('protocol');
  const queryClient = useQueryClient();
  const reassemble = useMutation({
    mutationFn: () => reassembleProtocol(protocol.meetingId),
    onSuccess: (next) => protocolChanged(queryClient, protocol.meetingId, next),
  });
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <Button variant="default" onClick={() => reassemble.mutate()} loading={reassemble.isPending} leftSection={<IconRefresh size={16} aria-hidden />}
          data-testid="protocol-reassemble">
          {t('edit.reassemble')}
        </Button>
        <Text size="sm" c="gray.8">{t('edit.reassembleHint')}</Text>
      </Group>
      {reassemble.isError && <RefusalAlert error={reassemble.error} />}
    </Stack>
  );
}

function ItemEntry({ item, topic }: { item: Item; topic: string }) {
  const { t } = useTranslation('protocol');
  return (
    <Paper withBorder p="sm" component="li" data-testid="protocol-item" data-route={item.route} data-reference={item.reference}>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text fw={700}>{item.reference}</Text>
          <Text size="sm">{t(`itemKind.${item.kind}`, { ns: 'report' })} · {topic}</Text>
          <Badge color={ROUTE_COLORS[item.route]} variant="filled" data-testid="protocol-item-route">{t(`route.${item.route}`)}</Badge>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{item.text}</Text>
        {item.raisedBy && <Text size="sm" c="gray.8">{t('content.raisedBy')}: {t(`category.${item.raisedBy}` as 'category.other', { ns: 'live', defaultValue: item.raisedBy })}</Text>}
        {item.answer && <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}><Text span fw={600}>{t('content.answer')}:</Text> {item.answer}</Text>}
      </Stack>
    </Paper>
  );
}

/**
 * R-32.1: the protocol as it reads on paper — the meeting, who reported, how many took part and
 * who of the officials attended (R-26), the report's summary, decisions, every item with its
 * answer or route (R-32.4, R-32.5), awards (R-34) and remarks. A draft's summary and remarks are
 * edited in place.
 */
export function ProtocolDocument({ protocol }: { protocol: Protocol }) {
  const { t } = useTranslation('protocol');
  const { t: tl } = useTranslation('late');
  const language = useLanguage();
  const { content } = protocol;
  const { meeting } = content;
  const place = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ');
  const categories = PARTICIPANT_CATEGORY_VALUES.filter((c) => (content.participantsByCategory[c] ?? 0) > 0);
  const editing = protocol.status === 'draft' && protocol.editable;
  const topicName = useTopicName();
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="article" aria-labelledby="protocol-document-title" className="protocol-document" data-testid="protocol-document">
      <Stack gap="lg">
        <Stack gap={2} align="center" ta="center">
          <Text size="sm">{localName(meeting.unit, language)}</Text>
          <Text size="sm">{localName(meeting.point, language)}</Text>
          <Title order={2} size="h3" id="protocol-document-title" mt="xs">{t('content.heading', { number: meeting.number })}</Title>
          <Text size="sm">{t('content.subheading')}</Text>
        </Stack>

        <dl className="facts">
          <dt>{t('content.when')}</dt>
          <dd data-testid="protocol-when">{formatMeetingTime(meeting.startsAt, meeting.endsAt, language)} ({t('content.almaty')})</dd>
          <dt>{t('content.format')}</dt>
          <dd>{t(`format.${meeting.format}` as 'format.indoor', { ns: 'meetings' })} · {t(`setting.${meeting.setting}` as 'setting.gathering', { ns: 'meetings' })}</dd>
          {place && <><dt>{t('content.place')}</dt><dd style={{ overflowWrap: 'anywhere' }}>{place}</dd></>}
          {meeting.onlineLink && <><dt>{t('content.online')}</dt><dd style={{ overflowWrap: 'anywhere' }}>{meeting.onlineLink}</dd></>}
          <dt>{t('content.districts')}</dt>
          <dd>{meeting.districts.map((d) => localName(d, language)).join('; ')}</dd>
          {content.lateEntry && (
            // A meeting entered after the fact says so, and who confirmed it (R-33).
            <>
              <dt>{tl('protocol.label')}</dt>
              <dd data-testid="protocol-late-entry">
                {tl('protocol.text', { date: formatDateTime(content.lateEntry.enteredAt, language), name: content.lateEntry.enteredBy, reason: content.lateEntry.reason })}{' '}
                {content.lateEntry.confirmedBy && content.lateEntry.confirmedAt
                  ? tl('protocol.confirmed', { name: content.lateEntry.confirmedBy, date: formatDateTime(content.lateEntry.confirmedAt, language) })
                  : tl('protocol.unconfirmed')}
              </dd>
            </>
          )}
          <dt>{t('content.reporters')}</dt>
          <dd data-testid="protocol-reporters">
            {content.reporters.map((r) => (
              // Issue 14: rank and position as labels in the UI language (codes; older protocols hold Kazakh labels).
              <Text key={r.staffId} size="sm">{[r.fullName, rankLabel(r.rank, language), positionLabel(r.position, language)].filter(Boolean).join(', ')}</Text>
            ))}
          </dd>
        </dl>

        <Part id="protocol-participants" title={t('content.participants')} rule="R-32.2" testId="protocol-participants">
          <Text><Text span fw={700} data-testid="protocol-participant-count">{content.participantCount}</Text> {t('content.participantsTotal')}</Text>
          {categories.length > 0 && (
            <Text size="sm">
              {categories.map((c) => `${t(`category.${c}`, { ns: 'live' })}: ${content.participantsByCategory[c]}`).join('; ')}
            </Text>
          )}
        </Part>

        <Part id="protocol-attendance" title={t('content.attendance')} rule="R-26" testId="protocol-attendance">
          <Text size="sm">{t('content.policeLeadership')}: <Text span fw={600}>{content.attendance.policeLeadership ? t('content.present') : t('content.absent')}</Text></Text>
          <Text size="sm">{t('content.akimat')}: <Text span fw={600}>{content.attendance.akimat ? t('content.present') : t('content.absent')}</Text></Text>
          {content.attendance.officials.length > 0 && (
            <Box component="ul" m={0} mt={4} pl="lg">
              {content.attendance.officials.map((o, i) => (
                <Text component="li" size="sm" key={`${o.fullName}-${i}`}>
                  {o.fullName}{o.organisation && `, ${o.organisation}`} ({t(`category.${o.category}` as 'category.other', { ns: 'live', defaultValue: o.category })})
                </Text>
              ))}
            </Box>
          )}
        </Part>

        <Part id="protocol-summary" title={t('content.summary')} rule="R-30" testId="protocol-summary">
          {editing
            ? <DraftEditor key={protocol.version} protocol={protocol} />
            : <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="protocol-summary-text">{content.reportSummary || t('content.none')}</Text>}
        </Part>

        <Part id="protocol-decisions" title={t('content.decisions')} testId="protocol-decisions">
          {content.decisions.length === 0 ? <Text size="sm">{t('content.none')}</Text> : (
            <Box component="ol" m={0} pl="lg">
              {content.decisions.map((d) => (
                <Text component="li" key={d.number} value={d.number} mb={4}>
                  <Text span style={{ overflowWrap: 'anywhere' }}>{d.text}</Text>
                  <Text size="sm" c="gray.8">{t('content.responsible')}: {d.responsible}; {t('content.due')}: {d.dueDate.split('-').reverse().join('.')}</Text>
                </Text>
              ))}
            </Box>
          )}
        </Part>

        <Part id="protocol-items" title={t('content.items', { count: content.items.length })} rule="R-31" testId="protocol-items">
          {content.items.length === 0 ? <Text size="sm">{t('content.none')}</Text> : (
            <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
              {content.items.map((item) => <ItemEntry key={item.reference} item={item} topic={topicName(item.topic, language)} />)}
            </Stack>
          )}
        </Part>

        <Part id="protocol-awards" title={t('content.awards')} rule="R-34" testId="protocol-awards">
          {content.awards.length === 0 ? <Text size="sm">{t('content.none')}</Text> : (
            <Box component="ul" m={0} pl="lg">
              {content.awards.map((a, i) => (
                <Text component="li" key={`${a.recipientName}-${i}`} size="sm">
                  {t(`awardKind.${a.awardKind}`, { ns: 'live' })} — {a.recipientName} ({t(`recipient.${a.recipientKind}`, { ns: 'live' })}): {a.reason}
                </Text>
              ))}
            </Box>
          )}
        </Part>

        {!editing && (
          <Part id="protocol-remarks" title={t('content.remarks')} testId="protocol-remarks">
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{content.remarks || t('content.none')}</Text>
          </Part>
        )}
      </Stack>
    </Paper>
  );
}
