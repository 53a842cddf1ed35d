import { ActionIcon, Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconClockEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../app/api.ts';
import { meetingTitle, todayIso } from '../../../app/format.ts';
import { ErrorAlert, MessagePage, PageLoader } from '../../../app/status.tsx';
import { useCurrentUser } from '../../auth/session.tsx';
import { wrappingButton } from '../buttons.ts';
import { fetchMeeting, meetingChanged, meetingKeys } from '../meetings.api.ts';
import { notifyDone } from '../notify.ts';
import { CHANNELS } from '../options.ts';
import { FieldRefusal, RefusalAlert, refusalOf, RuleLink } from '../RuleRefusal.tsx';
import type { Channel, MeetingDetail } from '../types.ts';
import type { PlanForm } from '../wizard/plan.ts';
import { StepDistricts } from '../wizard/StepDistricts.tsx';
import { StepPlace } from '../wizard/StepPlace.tsx';
import { StepSetting } from '../wizard/StepSetting.tsx';
import { useMyDistricts } from '../wizard/wizard.data.ts';
import { correctLateEntry, enterLateMeeting } from './late.api.ts';
import { correctionBody, emptyLateForm, lateBody, lateFormFromDetail, missingInLateForm, type LateForm, type LateMissing, type PublicationForm } from './late.form.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="sm" id={id}>{title}</Title>
      {children}
    </Paper>
  );
}

/** The publications that announced the meeting: judged from their dates like any meeting's. */
function Publications({ items, onChange, errors }: { items: PublicationForm[]; onChange: (items: PublicationForm[]) => void; errors: Partial<Record<string, ReactNode>> }) {
  const { t } = useTranslation('late');
  const { t: tm } = useTranslation('meetings');
  const change = (i: number, changes: Partial<PublicationForm>) => onChange(items.map((p, j) => (j === i ? { ...p, ...changes } : p)));
  return (
    <Stack gap="sm">
      <Text size="sm">{t('entry.noticeNote')} (<RuleLink rule="R-27.1" />)</Text>
      {items.length === 0 && <Text size="sm" c="gray.8" data-testid="late-no-publications">{t('entry.noPublications')}</Text>}
      {items.map((p, i) => (
        <Paper key={i} withBorder p="sm" component="fieldset" style={{ margin: 0 }} data-testid={`late-publication-${i}`}>
          <Text component="legend" fw={600} px={4}>{t('entry.publication', { n: i + 1 })}</Text>
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
              <NativeSelect size="md" label={t('entry.channel')} value={p.channel} onChange={(e) => change(i, { channel: e.currentTarget.value as Channel })}
                data={CHANNELS.map((c) => ({ value: c, label: tm(`channel.${c}`) }))} data-testid={`late-publication-channel-${i}`} />
              <TextInput size="md" label={t('entry.outlet')} value={p.outlet} onChange={(e) => change(i, { outlet: e.currentTarget.value })} withAsterisk maxLength={300}
                error={errors[`publications.${i}.outlet`]} data-testid={`late-publication-outlet-${i}`} />
              <TextInput size="md" type="date" label={t('entry.publishedOn')} max={todayIso()} value={p.publishedOn} onChange={(e) => change(i, { publishedOn: e.currentTarget.value })}
                withAsterisk error={errors[`publications.${i}.publishedOn`]} data-testid={`late-publication-date-${i}`} />
            </SimpleGrid>
            <ActionIcon size="xl" variant="default" onClick={() => onChange(items.filter((_, j) => j !== i))} aria-label={t('entry.removePublication', { n: i + 1 })}>
              <IconTrash aria-hidden />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <Group>
        <Button size="md" variant="default" leftSection={<IconPlus size={18} aria-hidden />} onClick={() => onChange([...items, { channel: 'mass_media', outlet: '', publishedOn: '' }])}
          disabled={items.length >= 20} data-testid="late-add-publication">
          {t('entry.addPublication')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The form of a meeting held without Esep — during an outage or where there was no connection —
 * entered after the fact with its reason (`meeting` absent), or the correction of a pending or
 * returned entry. The point lead confirms it; the register, items and protocol follow on
 * the meeting's page.
 */
function LateEntryForm({ initial, meeting }: { initial: LateForm; meeting?: MeetingDetail }) {
  const { t } = useTranslation('late');
  const { t: tm } = useTranslation('meetings');
  const language = useLanguage();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mine = useMyDistricts();
  const [form, setForm] = useState(initial);
  const [missing, setMissing] = useState<LateMissing[]>([]);
  const title = meeting ? t('entry.correctTitle', { title: meetingTitle(meeting, language) }) : t('entry.title');
  useDocumentTitle(`${title} — Esep`);

  // One district to choose from (an inspector's own): it is the meeting's district.
  useEffect(() => {
    const items = mine.data?.items ?? [];
    if (form.plan.districtIds.length === 0 && items.length === 1) setForm((f) => ({ ...f, plan: { ...f.plan, districtIds: [items[0]!.id] } }));
  }, [mine.data]);

  const save = useMutation({
    mutationFn: () => (meeting ? correctLateEntry(meeting.id, correctionBody(form, user.staffId)) : enterLateMeeting(lateBody(form, user.staffId))),
    onSuccess: (detail) => {
      meetingChanged(queryClient, detail);
      notifyDone(t(meeting ? 'entry.corrected' : 'entry.created', { title: meetingTitle(detail, language) }));
      void navigate(`/meetings/${detail.id}`);
    },
  });
  const refusal = save.isError ? refusalOf(save.error) : null;

  const errors: Partial<Record<string, ReactNode>> = {};
  for (const item of missing) errors[item.field] = <>{t(`entry.missing.${item.key}`)}{item.rule && <> (<RuleLink rule={item.rule} />)</>}</>;
  if (refusal?.field) errors[refusal.field] = <FieldRefusal refusal={refusal} />;
  for (const f of refusal?.fields ?? []) errors[f.field] ??= f.reason;
  // The server names the time as startsAt/endsAt; the form asks for a date and hours.
  const dateError = errors.date ?? errors.startsAt;

  const setPlan = (changes: Partial<PlanForm>) => {
    setForm((f) => ({ ...f, plan: { ...f.plan, ...changes } }));
    setMissing((m) => m.filter((item) => !(item.field in changes)));
  };
  const submit = () => {
    const problems = missingInLateForm(form, todayIso());
    setMissing(problems);
    if (problems.length === 0) save.mutate();
  };
  const step = { form: form.plan, set: setPlan, errors };

  return (
    <Stack gap="md" maw={820}>
      <Title order={1}>{title}</Title>
      <Alert color="blue" variant="light" icon={<IconClockEdit aria-hidden />}>
        <Stack gap={4}>
          <Text size="sm">{t('entry.intro')} (<RuleLink rule="R-33" />, <RuleLink rule="R-22.13" />)</Text>
          <Text size="sm">{t('entry.bound')}</Text>
        </Stack>
      </Alert>
      {refusal && <RefusalAlert error={save.error} testId="late-error" title={t('entry.refused')} />}
      <Part id="late-districts" title={t('entry.districts')}><StepDistricts {...step} vacant={[]} /></Part>
      <Part id="late-setting" title={t('entry.setting')}><StepSetting {...step} /></Part>
      <Part id="late-place" title={t('entry.place')}><StepPlace {...step} /></Part>
      <Part id="late-when" title={t('entry.when')}>
        <Stack gap="sm">
          <Text size="sm" c="gray.8">{tm('wizard.time.zone')}</Text>
          <TextInput size="md" type="date" label={t('entry.date')} max={todayIso()} value={form.plan.date} onChange={(e) => setPlan({ date: e.currentTarget.value })}
            error={dateError} withAsterisk data-testid="late-date" />
          <SimpleGrid cols={2}>
            <TextInput size="md" type="time" label={tm('wizard.time.start')} value={form.plan.startTime} onChange={(e) => setPlan({ startTime: e.currentTarget.value })}
              error={errors.startTime} withAsterisk data-testid="late-start" />
            <TextInput size="md" type="time" label={tm('wizard.time.end')} value={form.plan.endTime} onChange={(e) => setPlan({ endTime: e.currentTarget.value })}
              error={errors.endTime ?? errors.endsAt} withAsterisk data-testid="late-end" />
          </SimpleGrid>
        </Stack>
      </Part>
      {meeting ? (
        <Text size="sm">{t('entry.publicationsLater')}</Text>
      ) : (
        <Part id="late-publications" title={t('entry.publications')}>
          <Publications items={form.publications} onChange={(publications) => { setForm((f) => ({ ...f, publications })); setMissing((m) => m.filter((x) => !x.field.startsWith('publications'))); }} errors={errors} />
        </Part>
      )}
      <Part id="late-reason" title={t('entry.reason')}>
        <Textarea size="md" label={t('entry.reason')} description={t('entry.reasonHint')} value={form.reason}
          onChange={(e) => { const reason = e.currentTarget.value; setForm((f) => ({ ...f, reason })); setMissing((m) => m.filter((x) => x.field !== 'lateReason')); }}
          error={errors.lateReason} withAsterisk autosize minRows={2} maxLength={1000} data-testid="late-reason" />
      </Part>
      <Text size="sm" c="gray.8">{t('entry.next')}</Text>
      <Group justify="space-between" gap="sm">
        <Button size="md" variant="default" onClick={() => void navigate(meeting ? `/meetings/${meeting.id}` : '/calendar')}>{tm('common.cancel')}</Button>
        <Button size="md" styles={wrappingButton} loading={save.isPending} onClick={submit} data-testid="late-submit">{meeting ? t('entry.save') : t('entry.submit')}</Button>
      </Group>
    </Stack>
  );
}

/** `/meetings/late-entry?district=<id>` — enter a meeting held without Esep. */
export function NewLateEntryPage() {
  const [search] = useSearchParams();
  const district = search.get('district') ?? undefined;
  return <LateEntryForm key={district ?? ''} initial={emptyLateForm(district)} />;
}

/** `/meetings/:id/late-entry` — correct a pending or returned entry and send it again. */
export function CorrectLateEntryPage() {
  const { t } = useTranslation('late');
  const { t: tm } = useTranslation('meetings');
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: meetingKeys.detail(id), queryFn: ({ signal }) => fetchMeeting(id, signal) });
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, 404) || isApiError(query.error, 400)) return <MessagePage title={tm('meeting.notFoundTitle')} text={tm('meeting.notFoundText')} />;
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!query.data.enteredLate?.actions.includes('correct')) return <MessagePage title={t('entry.cannotCorrectTitle')} text={t('entry.cannotCorrectText')} />;
  return <LateEntryForm key={query.data.id} initial={lateFormFromDetail(query.data)} meeting={query.data} />;
}
