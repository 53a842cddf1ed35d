import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAward, IconGavel } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AwardBody, AWARD_KIND_VALUES, AWARD_RECIPIENT_VALUES, DecisionBody } from '@esep/contracts';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLongDate, todayIso } from '../../app/format.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ErrorAlert } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { deleteRecord, liveKeys, type DeletableKind } from './live.api.ts';
import { awardRows, compact, decisionDefaults, decisionRows, validate, type FieldErrors } from './live.model.ts';
import type { AwardData, DecisionData, LiveOperationKind } from './live.types.ts';
import { queueEntry, useLive } from './LiveContext.tsx';
import { Announce, focusField, LiveSection, showProblems, StateBadge, useFieldError } from './parts.tsx';

/**
 * decisions taken at the meeting (with who is responsible and by when) and awards to
 * residents and organisations. Both go through the same offline queue as the register.
 */
function useQueuedForm<V extends Record<string, string>>(kind: LiveOperationKind, initial: (data: Record<string, unknown> | undefined) => V) {
  const live = useLive();
  const editing = live.editing?.kind === kind ? live.editing : null;
  const [values, setValues] = useState<V>(() => initial(editing?.data));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [announcement, setAnnouncement] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const set = (key: keyof V & string, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const submit = async (event: FormEvent, schema: typeof DecisionBody | typeof AwardBody, done: string, reset: (v: V) => V) => {
    event.preventDefault();
    const result = validate(schema, compact(values));
    if (!result.ok) {
      showProblems(formRef.current, result.errors, setErrors, setAnnouncement);
      return;
    }
    const { clientKey: _ignored, ...data } = result.data;
    await queueEntry(live, kind, editing, data);
    setAnnouncement(done);
    setValues(reset);
    setErrors({});
    focusField(firstRef.current);
  };
  return { live, editing, values, set, errors, announcement, formRef, firstRef, submit };
}

function DecisionForm() {
  const { t } = useTranslation('live');
  const user = useCurrentUser();
  const f = useQueuedForm('decision', (data) => {
    const d = data as DecisionData | undefined;
    const defaults = decisionDefaults(user.displayName, todayIso());
    return { text: d?.text ?? '', responsible: d?.responsible ?? defaults.responsible, dueDate: d?.dueDate ?? defaults.dueDate };
  });
  const errorOf = useFieldError(f.errors);
  const disabled = !f.live.canRecord;
  return (
    <form ref={f.formRef} noValidate data-testid="live-decision-form"
      onSubmit={(e) => void f.submit(e, DecisionBody, t('decision.added'), (v) => ({ ...v, text: '' }))}>
      <Stack gap="sm">
        <Textarea ref={f.firstRef} label={t('decision.text')} value={f.values.text} onChange={(e) => f.set('text', e.currentTarget.value)} error={errorOf('text')}
          autosize minRows={2} maxRows={6} required disabled={disabled} data-testid="live-decision-text" />
        <TextInput label={t('decision.responsible')} value={f.values.responsible} onChange={(e) => f.set('responsible', e.currentTarget.value)}
          error={errorOf('responsible')} required disabled={disabled} data-testid="live-decision-responsible" />
        <TextInput type="date" label={t('decision.dueDate')} value={f.values.dueDate} onChange={(e) => f.set('dueDate', e.currentTarget.value)}
          error={errorOf('dueDate')} required disabled={disabled} data-testid="live-decision-due" maw={220} />
        <Group gap="sm">
          <Button type="submit" leftSection={<IconGavel size={18} aria-hidden />} disabled={disabled} data-testid="live-decision-submit">
            {f.editing ? t('register.saveRetry') : t('decision.submit')}
          </Button>
          {f.editing && <Button variant="default" onClick={() => f.live.setEditing(null)}>{t('register.cancelEdit')}</Button>}
        </Group>
        <Announce message={f.announcement} />
      </Stack>
    </form>
  );
}

function AwardForm() {
  const { t } = useTranslation('live');
  const f = useQueuedForm('award', (data) => {
    const d = data as AwardData | undefined;
    return { recipientKind: d?.recipientKind ?? 'citizen', recipientName: d?.recipientName ?? '', reason: d?.reason ?? '', awardKind: d?.awardKind ?? 'letter_of_thanks' };
  });
  const errorOf = useFieldError(f.errors);
  const disabled = !f.live.canRecord;
  return (
    <form ref={f.formRef} noValidate data-testid="live-award-form"
      onSubmit={(e) => void f.submit(e, AwardBody, t('award.added'), (v) => ({ ...v, recipientName: '', reason: '' }))}>
      <Stack gap="sm">
        <NativeSelect label={t('award.recipientKind')} value={f.values.recipientKind} onChange={(e) => f.set('recipientKind', e.currentTarget.value)}
          data={AWARD_RECIPIENT_VALUES.map((r) => ({ value: r, label: t(`recipient.${r}`) }))} disabled={disabled} />
        <TextInput ref={f.firstRef} label={t('award.recipientName')} value={f.values.recipientName} onChange={(e) => f.set('recipientName', e.currentTarget.value)}
          error={errorOf('recipientName')} required disabled={disabled} data-testid="live-award-name" />
        <Textarea label={t('award.reason')} value={f.values.reason} onChange={(e) => f.set('reason', e.currentTarget.value)} error={errorOf('reason')}
          autosize minRows={2} maxRows={6} required disabled={disabled} data-testid="live-award-reason" />
        <NativeSelect label={t('award.awardKind')} value={f.values.awardKind} onChange={(e) => f.set('awardKind', e.currentTarget.value)}
          data={AWARD_KIND_VALUES.map((k) => ({ value: k, label: t(`awardKind.${k}`) }))} disabled={disabled} />
        <Group gap="sm">
          <Button type="submit" leftSection={<IconAward size={18} aria-hidden />} disabled={disabled} data-testid="live-award-submit">
            {f.editing ? t('register.saveRetry') : t('award.submit')}
          </Button>
          {f.editing && <Button variant="default" onClick={() => f.live.setEditing(null)}>{t('register.cancelEdit')}</Button>}
        </Group>
        <Announce message={f.announcement} />
      </Stack>
    </form>
  );
}

function useRemove(kind: DeletableKind) {
  const live = useLive();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteRecord(kind, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: liveKeys.state(live.meetingId), exact: true }),
  });
}

function DeleteButton({ label, confirm, onConfirm, busy }: { label: string; confirm: string; onConfirm: () => void; busy: boolean }) {
  const { t } = useTranslation('live');
  const live = useLive();
  return (
    <Button size="compact-xs" variant="outline" color="red.9" disabled={!live.online || busy} title={live.online ? undefined : t('sync.onlineOnly')}
      aria-label={label} onClick={() => { if (window.confirm(confirm)) onConfirm(); }}>
      {t('decision.delete')}
    </Button>
  );
}

export function DecisionsPanel() {
  const { t } = useTranslation('live');
  const language = useLanguage();
  const live = useLive();
  const rows = useMemo(() => decisionRows(live.state, live.ops), [live.state, live.ops]);
  const remove = useRemove('decisions');
  const editingKey = live.editing?.kind === 'decision' ? live.editing.clientKey : 'new';
  return (
    <Stack gap="md">
      {live.canRecord && (
        <LiveSection id="live-decision-form-title" title={t('decision.formTitle')}>
          <DecisionForm key={editingKey} />
        </LiveSection>
      )}
      <LiveSection id="live-decisions-title" title={t('decision.listTitle')}>
        {remove.isError && <ErrorAlert error={remove.error} />}
        {rows.length === 0 ? <Text size="sm" c="gray.8">{t('decision.empty')}</Text> : (
          <ol className="live-list" aria-label={t('decision.listTitle')} data-testid="live-decisions">
            {rows.map((row) => (
              <li key={row.key} data-state={row.state}>
                <span className="live-number">{row.number ?? '·'}</span>
                <div className="live-row-main">
                  <Text size="sm" className="live-text">{row.text}</Text>
                  <Text size="xs" c="gray.8" className="live-text">{row.responsible} · {t('decision.due', { date: formatLongDate(row.dueDate, language) })}</Text>
                </div>
                <Stack gap={6} align="flex-end" className="live-row-side">
                  <StateBadge state={row.state} />
                  {row.state === 'saved' && row.id && (
                    <DeleteButton label={`${t('decision.delete')}: ${row.number ?? ''}`} confirm={t('decision.deleteConfirm')} busy={remove.isPending} onConfirm={() => remove.mutate(row.id!)} />
                  )}
                </Stack>
              </li>
            ))}
          </ol>
        )}
      </LiveSection>
    </Stack>
  );
}

export function AwardsPanel() {
  const { t } = useTranslation('live');
  const live = useLive();
  const rows = useMemo(() => awardRows(live.state, live.ops), [live.state, live.ops]);
  const remove = useRemove('awards');
  const editingKey = live.editing?.kind === 'award' ? live.editing.clientKey : 'new';
  return (
    <Stack gap="md">
      {live.canRecord && (
        <LiveSection id="live-award-form-title" title={t('award.formTitle')}>
          <AwardForm key={editingKey} />
        </LiveSection>
      )}
      <LiveSection id="live-awards-title" title={t('award.listTitle')}>
        {remove.isError && <ErrorAlert error={remove.error} />}
        {rows.length === 0 ? <Text size="sm" c="gray.8">{t('award.empty')}</Text> : (
          <ul className="live-list" aria-label={t('award.listTitle')} data-testid="live-awards">
            {rows.map((row) => (
              <li key={row.key} data-state={row.state}>
                <div className="live-row-main">
                  <Text size="sm" fw={600} className="live-text">{row.recipientName}</Text>
                  <Text size="xs" c="gray.8">{t(`recipient.${row.recipientKind}`)} · {t(`awardKind.${row.awardKind}`)}</Text>
                  <Text size="sm" className="live-text">{row.reason}</Text>
                </div>
                <Stack gap={6} align="flex-end" className="live-row-side">
                  <StateBadge state={row.state} />
                  {row.state === 'saved' && row.id && (
                    <DeleteButton label={`${t('award.delete')}: ${row.recipientName}`} confirm={t('award.deleteConfirm')} busy={remove.isPending} onConfirm={() => remove.mutate(row.id!)} />
                  )}
                </Stack>
              </li>
            ))}
          </ul>
        )}
      </LiveSection>
    </Stack>
  );
}
