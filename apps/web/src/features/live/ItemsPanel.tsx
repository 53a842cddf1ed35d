import { Button, Group, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ItemBody, ITEM_KIND_VALUES, ITEM_RESOLUTION_VALUES } from '@esep/contracts';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/status.tsx';
import type { Language } from '../../i18n/index.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { classifyItem, liveKeys } from './live.api.ts';
import { compact, itemRows, registerRows, validate, type FieldErrors, type ItemRow } from './live.model.ts';
import type { ItemData, ItemKind, ItemResolution, LiveTopic } from './live.types.ts';
import { queueEntry, useLive } from './LiveContext.tsx';
import { Announce, focusField, LiveSection, showProblems, StateBadge, useFieldError } from './parts.tsx';

type ResolutionChoice = ItemResolution | 'none';

interface ItemValues {
  kind: ItemKind;
  /** `id:<participant id>`, `ck:<client key of a queued participant>` or '' (anonymous). */
  raisedBy: string;
  text: string;
  topic: string;
  resolution: ResolutionChoice;
  answer: string;
}

export function topicName(topic: LiveTopic | undefined, code: string, language: Language): string {
  if (!topic) return code;
  return language === 'kk' ? topic.nameKk : language === 'ru' ? topic.nameRu : topic.nameEn;
}

function activeTopics(topics: LiveTopic[]): LiveTopic[] {
  return topics.filter((tp) => tp.active).sort((a, b) => a.sort - b.sort);
}

function ResolutionRadios({ value, onChange, disabled }: { value: ResolutionChoice; onChange: (v: ResolutionChoice) => void; disabled?: boolean }) {
  const { t } = useTranslation('live');
  return (
    <Radio.Group label={t('item.resolution')} value={value} onChange={(v) => onChange(v as ResolutionChoice)}>
      <Stack gap={6} mt={4}>
        {(['none', ...ITEM_RESOLUTION_VALUES] as const).map((r) => <Radio key={r} value={r} label={t(`resolution.${r}`)} disabled={disabled} />)}
      </Stack>
    </Radio.Group>
  );
}

function ItemForm() {
  const { t } = useTranslation('live');
  const language = useLanguage();
  const live = useLive();
  const editing = live.editing?.kind === 'item' ? live.editing : null;
  const topics = activeTopics(live.state.topics);
  const initial = (): ItemValues => {
    const data = editing?.data as ItemData | undefined;
    return {
      kind: data?.kind ?? 'question',
      raisedBy: data?.participantId ? `id:${data.participantId}` : data?.participantClientKey ? `ck:${data.participantClientKey}` : '',
      text: data?.text ?? '',
      topic: data?.topic ?? topics[0]?.code ?? '',
      resolution: data?.resolution ?? 'none',
      answer: data?.answer ?? '',
    };
  };
  const [values, setValues] = useState<ItemValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [announcement, setAnnouncement] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const errorOf = useFieldError(errors);
  const people = useMemo(() => registerRows(live.state, live.ops).filter((r) => r.state !== 'attention'), [live.state, live.ops]);

  const set = <K extends keyof ItemValues>(key: K, value: ItemValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [how, who] = values.raisedBy.split(':') as [string, string | undefined];
    const body = compact({
      kind: values.kind,
      participantId: how === 'id' ? who : null,
      participantClientKey: how === 'ck' ? who : null,
      text: values.text,
      topic: values.topic,
      resolution: values.resolution === 'none' ? null : values.resolution,
      answer: values.resolution === 'answered' ? values.answer : '',
    });
    const result = validate(ItemBody, body);
    const problems: FieldErrors = result.ok ? {} : { ...result.errors };
    if (values.resolution === 'answered' && !values.answer.trim()) problems.answer = 'answer';
    if (!result.ok || Object.values(problems).some(Boolean)) {
      showProblems(formRef.current, problems, setErrors, setAnnouncement);
      return;
    }
    const { clientKey: _ignored, ...data } = result.data;
    await queueEntry(live, 'item', editing, data);
    setAnnouncement(t('item.added'));
    setValues((v) => ({ ...v, raisedBy: '', text: '', resolution: 'none', answer: '' }));
    setErrors({});
    focusField(textRef.current);
  };

  const disabled = !live.canRecord;
  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="live-item-form">
      <Stack gap="sm">
        <Group grow gap="sm" align="flex-start" wrap="wrap">
          <NativeSelect label={t('item.kind')} value={values.kind} onChange={(e) => set('kind', e.currentTarget.value as ItemKind)}
            data={ITEM_KIND_VALUES.map((k) => ({ value: k, label: t(`kind.${k}`) }))} disabled={disabled} data-testid="live-item-kind" miw={140} />
          <NativeSelect label={t('item.topic')} value={values.topic} onChange={(e) => set('topic', e.currentTarget.value)} error={errorOf('topic')}
            data={topics.map((tp) => ({ value: tp.code, label: topicName(tp, tp.code, language) }))} disabled={disabled} data-testid="live-item-topic" miw={140} />
        </Group>
        <NativeSelect label={t('item.raisedBy')} value={values.raisedBy} onChange={(e) => set('raisedBy', e.currentTarget.value)}
          data={[{ value: '', label: t('item.anonymous') }, ...people.map((p) => ({
            value: p.id ? `id:${p.id}` : `ck:${p.clientKey}`,
            label: `${p.number ?? '·'} ${p.fullName}`,
          }))]} disabled={disabled} data-testid="live-item-person" />
        <Textarea ref={textRef} label={t('item.text')} value={values.text} onChange={(e) => set('text', e.currentTarget.value)} error={errorOf('text')}
          autosize minRows={2} maxRows={8} required disabled={disabled} data-testid="live-item-text" />
        <ResolutionRadios value={values.resolution} onChange={(v) => set('resolution', v)} disabled={disabled} />
        {values.resolution === 'answered' && (
          <Textarea label={t('item.answer')} value={values.answer} onChange={(e) => set('answer', e.currentTarget.value)} error={errorOf('answer')}
            autosize minRows={2} maxRows={8} required disabled={disabled} data-testid="live-item-answer" />
        )}
        <Group gap="sm">
          <Button type="submit" leftSection={<IconMessagePlus size={18} aria-hidden />} disabled={disabled} data-testid="live-item-submit">
            {editing ? t('register.saveRetry') : t('item.submit')}
          </Button>
          {editing && <Button variant="default" onClick={() => live.setEditing(null)}>{t('register.cancelEdit')}</Button>}
        </Group>
        <Announce message={announcement} />
      </Stack>
    </form>
  );
}

/** Classify or answer a stored item later (online only). */
function ClassifyForm({ row, onDone }: { row: ItemRow; onDone: () => void }) {
  const { t } = useTranslation('live');
  const language = useLanguage();
  const live = useLive();
  const queryClient = useQueryClient();
  const [resolution, setResolution] = useState<ResolutionChoice>(row.resolution ?? 'none');
  const [answer, setAnswer] = useState(row.answer ?? '');
  const [topic, setTopic] = useState(row.topic);
  const [answerError, setAnswerError] = useState(false);
  const save = useMutation({
    mutationFn: () => classifyItem(row.id!, { resolution: resolution === 'none' ? null : resolution, answer: resolution === 'answered' ? answer : null, topic }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: liveKeys.state(live.meetingId), exact: true });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (resolution === 'answered' && !answer.trim()) {
      setAnswerError(true);
      return;
    }
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="live-classify">
      <Stack gap="sm">
        <NativeSelect label={t('item.topic')} value={topic} onChange={(e) => setTopic(e.currentTarget.value)}
          data={activeTopics(live.state.topics).map((tp) => ({ value: tp.code, label: topicName(tp, tp.code, language) }))} />
        <ResolutionRadios value={resolution} onChange={setResolution} />
        {resolution === 'answered' && (
          <Textarea label={t('item.answer')} value={answer} onChange={(e) => { setAnswer(e.currentTarget.value); setAnswerError(false); }}
            error={answerError ? t('validation.answer') : undefined} autosize minRows={2} required />
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        <Group gap="sm">
          <Button type="submit" size="xs" loading={save.isPending} disabled={!live.online}>{t('item.save')}</Button>
          <Button size="xs" variant="default" onClick={onDone}>{t('register.cancelEdit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "ALM-KAR-P2-D01-2026-02/3" → "3": the item's number within its meeting. */
export function shortReference(reference: string): string {
  return reference.slice(reference.lastIndexOf('/') + 1);
}

function ItemList({ rows }: { rows: ItemRow[] }) {
  const { t } = useTranslation('live');
  const language = useLanguage();
  const live = useLive();
  const [open, setOpen] = useState<string | null>(null);
  const topics = new Map(live.state.topics.map((tp) => [tp.code, tp]));
  if (rows.length === 0) return <Text size="sm" c="gray.8">{t('item.empty')}</Text>;
  return (
    <ol className="live-list" aria-label={t('item.listTitle')} data-testid="live-items">
      {rows.map((row) => (
        // The number leads; the reference (the meeting's number and "/n", 25 characters) goes
        // under the text, where it may wrap: beside the text it squeezed the text to one letter
        // per line on a phone (issue 14).
        <li key={row.key} data-testid="live-item-row" data-state={row.state} className="live-item">
          <div className="live-item-head">
            <span className="live-number">{row.reference ? `№${shortReference(row.reference)}` : '·'}</span>
            <Text size="sm" fw={600} className="live-item-kind">{t(`kind.${row.kind}`)} · {topicName(topics.get(row.topic), row.topic, language)}{row.raisedBy ? ` · ${row.raisedBy}` : ` · ${t('item.anonymous')}`}</Text>
            <StateBadge state={row.state} />
          </div>
          <div className="live-row-main">
            <Text size="sm" className="live-text">{row.text}</Text>
            <Text size="xs" c="gray.8">
              {t('item.outcomeLabel')}: {row.outcome ? t(`outcome.${row.outcome}`) : t(`resolution.${row.resolution ?? 'none'}`)}
            </Text>
            {row.answer && <Text size="xs" className="live-text">{t('item.answer')}: {row.answer}</Text>}
            {row.reference && <Text size="xs" c="gray.8" className="live-text">{row.reference}</Text>}
            {row.state === 'saved' && row.id && live.canRecord && open !== row.key && (
              <Button size="compact-sm" variant="light" mt={6} onClick={() => setOpen(row.key)} disabled={!live.online}
                title={live.online ? undefined : t('sync.onlineOnly')} aria-label={`${t('item.classify')}: ${row.reference ?? ''}`}>
                {t('item.classify')}
              </Button>
            )}
            {open === row.key && row.id && <ClassifyForm row={row} onDone={() => setOpen(null)} />}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function ItemsPanel() {
  const { t } = useTranslation('live');
  const live = useLive();
  const rows = useMemo(() => itemRows(live.state, live.ops), [live.state, live.ops]);
  const editingKey = live.editing?.kind === 'item' ? live.editing.clientKey : 'new';
  return (
    <Stack gap="md">
      {live.canRecord && (
        <LiveSection id="live-item-form-title" title={t('item.formTitle')}>
          <ItemForm key={editingKey} />
        </LiveSection>
      )}
      <LiveSection id="live-items-title" title={`${t('item.listTitle')} (${rows.filter((r) => r.state !== 'attention').length})`}>
        <ItemList rows={rows} />
      </LiveSection>
    </Stack>
  );
}
