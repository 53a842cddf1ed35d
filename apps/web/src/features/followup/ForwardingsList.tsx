import type { WorkingCalendar } from '@esep/domain';
import { Alert, Badge, Button, Group, List, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuildingBank, IconFileTypeDocx, IconFileTypePdf, IconMail, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { formatLongDate, todayIso } from '../../app/format.ts';
import { localName, localText } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { notifyDone } from '../meetings/notify.ts';
import { FieldRefusal, RefusalAlert, refusalOf, RuleLink } from '../meetings/RuleRefusal.tsx';
import { badgeStyles, TONE } from '../meetings/StatusBadge.tsx';
import { DueDate } from './DueDate.tsx';
import {
  fetchStateBodies, followupKeys, followUpChanged, letterUrl, patchForwarding, type Forwarding, type ForwardingPatchBody, type NoticeChannel,
  type StateBody,
} from './followup.api.ts';
import { NOTICE_CHANNELS } from './options.ts';
import { Facts, OverdueBadge, RecordCard, StatusBadge } from './parts.tsx';
import { PALETTE } from '../../app/design.ts';

function useForwardingSave(forwarding: Forwarding, message: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ForwardingPatchBody) => patchForwarding(forwarding.id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData<Forwarding[]>(followupKeys.forwardings(forwarding.meetingId), (list) => list?.map((f) => (f.id === saved.id ? saved : f)));
      followUpChanged(queryClient, forwarding.meetingId);
      notifyDone(message);
    },
  });
}

/**
 * the addressee. Esep suggests bodies competent for the item's topic and covering the
 * district; another body is allowed, with a reason (the server asks for it: 422).
 */
function BodyForm({ forwarding, districtId }: { forwarding: Forwarding; districtId: string | undefined }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const bodies = useQuery({
    queryKey: followupKeys.bodies(forwarding.topic, districtId),
    queryFn: ({ signal }) => fetchStateBodies({ topic: forwarding.topic, districtId }, signal),
    staleTime: 60_000,
  });
  const [bodyId, setBodyId] = useState(forwarding.bodyId ?? '');
  const [reason, setReason] = useState(forwarding.competenceReason ?? '');
  const [tried, setTried] = useState(false);
  const save = useForwardingSave(forwarding, t('forwarding.bodySaved'));
  const chosen = bodies.data?.find((b) => b.id === bodyId);
  const serverAsks = save.isError && isApiError(save.error, 422) && save.error.code === 'competence_reason_required';
  const needsReason = chosen?.competent === false || serverAsks;
  // Competent and serving the district; for a topic that names no body ("other"), any body serving the district.
  const suggested = (b: StateBody) => (b.competent === true && b.coversDistrict !== false) || (b.competent === null && b.coversDistrict === true);
  const option = (b: StateBody) => ({ value: b.id, label: localName(b, language) });
  // Issue 14: one body suggested (competent and serving the district) is chosen already; saving it is still his act.
  const single = bodies.data?.filter(suggested);
  const only = single?.length === 1 ? single[0]!.id : null;
  useEffect(() => {
    if (only && !forwarding.bodyId) setBodyId((current) => current || only);
  }, [only, forwarding.bodyId]);
  const groups = bodies.data ? [
    { group: t('forwarding.suggested'), items: bodies.data.filter(suggested).map(option) },
    { group: t('forwarding.otherBodies'), items: bodies.data.filter((b) => !suggested(b)).map(option) },
  ].filter((g) => g.items.length > 0) : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!bodyId || (needsReason && !reason.trim())) return;
    save.mutate({ bodyId, ...(needsReason || reason.trim() ? { competenceReason: reason.trim() || null } : {}), lang: language === 'kk' ? 'kk' : 'ru' });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="forwarding-body-form">
      <Stack gap="xs">
        <Title order={4} size="h6">{t('forwarding.bodyTitle')}</Title>
        <NativeSelect label={t('forwarding.body')} value={bodyId} required disabled={!bodies.data}
          onChange={(e) => { setBodyId(e.currentTarget.value); save.reset(); }}
          data={[{ value: '', label: bodies.isPending ? t('common.loading') : t('common.choose') }, ...groups]}
          error={tried && !bodyId ? t('common.required') : undefined} data-testid="forwarding-body" />
        {/* null — the topic ("other") names no body, so the choice is neither confirmed nor questioned. */}
        {chosen && (chosen.competent !== null || chosen.contact) && (
          <Text size="sm" c={chosen.competent === false ? TONE.orange : 'gray.8'} data-testid="forwarding-body-competence" data-competent={String(chosen.competent)}>
            {chosen.competent !== null && t(chosen.competent ? 'forwarding.competent' : 'forwarding.notCompetent')}
            {chosen.competent !== null && chosen.contact && ' · '}
            {chosen.contact}
          </Text>
        )}
        {needsReason && (
          <Alert color={TONE.orange} variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('forwarding.reasonTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('forwarding.reasonHint')} (<RuleLink rule="R-32.5" />)</Text>
              <Textarea label={t('forwarding.competenceReason')} value={reason} required autosize minRows={2} maxLength={2000}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={tried && !reason.trim() ? t('common.required') : undefined} data-testid="forwarding-reason" />
            </Stack>
          </Alert>
        )}
        {save.isError && !serverAsks && <RefusalAlert error={save.error} testId="forwarding-body-error" />}
        <Group>
          <Button type="submit" variant="default" leftSection={<IconBuildingBank size={16} aria-hidden />} loading={save.isPending} data-testid="forwarding-body-submit">
            {forwarding.bodyId ? t('forwarding.changeBody') : t('forwarding.saveBody')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The outgoing letter: its number and date, and when it was sent (3 working days, APPK art. 65). */
function LetterForm({ forwarding }: { forwarding: Forwarding }) {
  const { t } = useTranslation('followup');
  const [letterNumber, setLetterNumber] = useState(forwarding.letterNumber ?? '');
  const [letterDate, setLetterDate] = useState(forwarding.letterDate ?? todayIso());
  const [sentOn, setSentOn] = useState(forwarding.sentOn ?? todayIso());
  const [tried, setTried] = useState(false);
  const save = useForwardingSave(forwarding, t('forwarding.sentSaved'));
  const refusal = save.isError ? refusalOf(save.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (letterNumber.trim() && letterDate && sentOn) save.mutate({ letterNumber: letterNumber.trim(), letterDate, sentOn });
  };
  const err = (field: string, empty: boolean) => (tried && empty ? t('common.required') : refusal?.field === field ? <FieldRefusal refusal={refusal} /> : undefined);
  return (
    <form onSubmit={submit} noValidate data-testid="forwarding-letter-form">
      <Stack gap="xs">
        <Title order={4} size="h6">{t('forwarding.letterTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label={t('forwarding.letterNumber')} value={letterNumber} required maxLength={100}
            onChange={(e) => setLetterNumber(e.currentTarget.value)} error={err('letterNumber', !letterNumber.trim())} data-testid="forwarding-letter-number" />
          <TextInput type="date" label={t('forwarding.letterDate')} value={letterDate} required max={todayIso()}
            onChange={(e) => setLetterDate(e.currentTarget.value)} error={err('letterDate', !letterDate)} data-testid="forwarding-letter-date" />
          <TextInput type="date" label={t('forwarding.sentOn')} value={sentOn} required max={todayIso()}
            onChange={(e) => setSentOn(e.currentTarget.value)} error={err('sentOn', !sentOn)} data-testid="forwarding-sent-on" />
        </SimpleGrid>
        {refusal && !refusal.field && <RefusalAlert error={save.error} testId="forwarding-letter-error" />}
        <Group>
          <Button type="submit" variant="default" leftSection={<IconSend size={16} aria-hidden />} loading={save.isPending} data-testid="forwarding-letter-submit">
            {forwarding.sentOn ? t('forwarding.updateSent') : t('forwarding.recordSent')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** the person who raised the item is told where it went — the forwarding is not complete without it. */
function NoticeForm({ forwarding }: { forwarding: Forwarding }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const [lang, setLang] = useState<'kk' | 'ru'>(language === 'kk' ? 'kk' : 'ru');
  const [text, setText] = useState(forwarding.initiatorNoticeText ?? forwarding.noticeDraft?.[lang] ?? '');
  const [edited, setEdited] = useState(Boolean(forwarding.initiatorNoticeText));
  const [channel, setChannel] = useState<NoticeChannel | ''>((forwarding.initiatorChannel as NoticeChannel | null) ?? '');
  const [notifiedOn, setNotifiedOn] = useState(forwarding.initiatorNotifiedOn ?? todayIso());
  const [tried, setTried] = useState(false);
  const save = useForwardingSave(forwarding, t('forwarding.noticeSaved'));
  const changeLang = (value: 'kk' | 'ru') => {
    setLang(value);
    if (!edited) setText(forwarding.noticeDraft?.[value] ?? '');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (text.trim() && channel && notifiedOn) save.mutate({ initiatorNoticeText: text.trim(), initiatorChannel: channel, initiatorNotifiedOn: notifiedOn, lang });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="forwarding-notice-form">
      <Stack gap="xs">
        <Title order={4} size="h6">{t('forwarding.noticeTitle')}</Title>
        <Radio.Group label={t('forwarding.noticeLanguage')} value={lang} onChange={(v) => changeLang(v as 'kk' | 'ru')}>
          <Group gap="md" mt={4}>
            <Radio value="kk" label={t('common.inKazakh')} data-testid="forwarding-notice-lang-kk" />
            <Radio value="ru" label={t('common.inRussian')} data-testid="forwarding-notice-lang-ru" />
          </Group>
        </Radio.Group>
        <Textarea label={t('forwarding.noticeText')} description={t('forwarding.noticeTextHint')} value={text} lang={lang} required autosize minRows={3} maxLength={5000}
          onChange={(e) => { setText(e.currentTarget.value); setEdited(true); }}
          error={tried && !text.trim() ? t('common.required') : undefined} data-testid="forwarding-notice-text" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label={t('forwarding.noticeChannel')} value={channel} required onChange={(e) => setChannel(e.currentTarget.value as NoticeChannel | '')}
            data={[{ value: '', label: t('common.choose') }, ...NOTICE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))]}
            error={tried && !channel ? t('common.required') : undefined} data-testid="forwarding-notice-channel" />
          <TextInput type="date" label={t('forwarding.notifiedOn')} value={notifiedOn} required max={todayIso()}
            onChange={(e) => setNotifiedOn(e.currentTarget.value)} error={tried && !notifiedOn ? t('common.required') : undefined} data-testid="forwarding-notified-on" />
        </SimpleGrid>
        {save.isError && <RefusalAlert error={save.error} testId="forwarding-notice-error" />}
        <Group>
          <Button type="submit" variant="default" leftSection={<IconMail size={16} aria-hidden />} loading={save.isPending} data-testid="forwarding-notice-submit">
            {forwarding.initiatorNotifiedOn ? t('forwarding.updateNotice') : t('forwarding.recordNotice')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LetterLinks({ forwarding }: { forwarding: Forwarding }) {
  const { t } = useTranslation('followup');
  const links: Array<{ format: 'docx' | 'pdf'; lang: 'kk' | 'ru' }> = [
    { format: 'docx', lang: 'kk' }, { format: 'docx', lang: 'ru' }, { format: 'pdf', lang: 'kk' }, { format: 'pdf', lang: 'ru' },
  ];
  return (
    <Group gap="xs" wrap="wrap" data-testid="forwarding-letters">
      {links.map(({ format, lang }) => (
        <Button key={`${format}-${lang}`} component="a" href={letterUrl(forwarding.id, format, lang)} download size="compact-sm" variant="default"
          leftSection={format === 'pdf' ? <IconFileTypePdf size={16} aria-hidden /> : <IconFileTypeDocx size={16} aria-hidden />}
          data-testid={`forwarding-letter-${format}-${lang}`}>
          {t(`forwarding.download.${format}.${lang}`)}
        </Button>
      ))}
    </Group>
  );
}

function ForwardingCard({ forwarding, editable, calendar, districtId }: {
  forwarding: Forwarding; editable: boolean; calendar: WorkingCalendar | null; districtId: string | undefined;
}) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const f = forwarding;
  const bodyName = localText(f.bodyNameKk, f.bodyNameRu, language);
  const editing = editable && f.status !== 'verified';
  return (
    <RecordCard
      title={f.itemReference}
      badges={(
        <>
          {f.overdue && !f.sentOn && <OverdueBadge />}
          <Badge color={f.complete ? PALETTE.success : PALETTE.warning} variant="outline" tt="none" styles={badgeStyles} data-testid="forwarding-complete" data-complete={String(f.complete)}>
            {f.complete ? t('forwarding.complete') : t('forwarding.incomplete')}
          </Badge>
          <StatusBadge status={f.status} testId="forwarding-status" />
        </>
      )}
      testId="forwarding"
      data={{ 'data-reference': f.itemReference, 'data-status': f.status, 'data-id': f.id }}
    >
      <Stack gap="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{f.itemText}</Text>
        <Facts>
          <dt>{t('forwarding.dueDate')}</dt>
          <dd><DueDate dueDate={f.dueDate} closed={f.sentOn !== null} calendar={calendar} testId="forwarding-due" /></dd>
          <dt>{t('forwarding.body')}</dt>
          <dd data-testid="forwarding-body-name">
            {bodyName ?? t('forwarding.noBody')}
            {f.competent === false && <Text size="sm" c={TONE.orange}>{t('forwarding.notCompetent')}{f.competenceReason && <>: {f.competenceReason}</>}</Text>}
          </dd>
          {f.sentOn && (
            <>
              <dt>{t('forwarding.letter')}</dt>
              <dd>
                {t('forwarding.letterLine', { number: f.letterNumber ?? '—', date: f.letterDate ? formatLongDate(f.letterDate, language) : '—', sent: formatLongDate(f.sentOn, language) })}
                {f.sentLate && <Text size="sm" c="red.9" fw={700}>{t('forwarding.sentLate')}</Text>}
              </dd>
            </>
          )}
          <dt>{t('forwarding.initiator')}</dt>
          <dd data-testid="forwarding-initiator">
            {f.anonymous
              ? t('forwarding.anonymous')
              : f.initiatorNotifiedOn
                ? t('forwarding.notifiedLine', { date: formatLongDate(f.initiatorNotifiedOn, language), channel: f.initiatorChannel ? t(`channel.${f.initiatorChannel as NoticeChannel}`) : '—' })
                : t('forwarding.notNotified')}
            {f.initiatorNoticeText && <Text size="sm" c="gray.8" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{f.initiatorNoticeText}</Text>}
          </dd>
        </Facts>
        {!f.complete && (
          <Alert color={TONE.orange} variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('forwarding.missingTitle')} data-testid="forwarding-missing">
            <Text size="sm">{t('forwarding.missingHint')} (<RuleLink rule="R-32.5" />)</Text>
            <List size="sm" mt={4}>
              {f.missing.map((m) => <List.Item key={m} data-missing={m}>{t(`forwarding.missing.${m}`)}</List.Item>)}
            </List>
          </Alert>
        )}
        {/* The letter names the initiator: offered only to those the policy lets download it. */}
        {f.bodyId && f.abilities.export && <LetterLinks forwarding={f} />}
        {editing && <BodyForm key={`body-${f.bodyId ?? ''}`} forwarding={f} districtId={districtId} />}
        {editing && f.bodyId && <LetterForm key={`letter-${f.sentOn ?? ''}`} forwarding={f} />}
        {editing && f.bodyId && !f.anonymous && <NoticeForm key={`notice-${f.bodyId}-${f.initiatorNotifiedOn ?? ''}`} forwarding={f} />}
      </Stack>
    </RecordCard>
  );
}

/** every item outside police competence goes to a state body, and the initiator is told. */
export function ForwardingsList({ forwardings, editable, calendar, districtId }: {
  forwardings: Forwarding[]; editable: boolean; calendar: WorkingCalendar | null; districtId: string | undefined;
}) {
  const { t } = useTranslation('followup');
  if (forwardings.length === 0) return <Text size="sm" c="gray.8" data-testid="forwardings-none">{t('forwarding.none')}</Text>;
  return (
    <Stack gap="sm" component="ul" className="followup-list" data-testid="forwardings">
      {forwardings.map((f) => <ForwardingCard key={f.id} forwarding={f} editable={editable} calendar={calendar} districtId={districtId} />)}
    </Stack>
  );
}
