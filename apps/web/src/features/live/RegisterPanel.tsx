import { Button, Checkbox, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserCheck, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ParticipantBody, PARTICIPANT_CATEGORY_VALUES } from '@esep/contracts';
import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/status.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { formatClock } from '../meetings/time.ts';
import { deleteRecord, fetchSuggestions, liveKeys } from './live.api.ts';
import { compact, matchesSearch, participantCount, registerRows, validate, type FieldErrors, type RegisterRow } from './live.model.ts';
import type { ParticipantCategory, ParticipantData } from './live.types.ts';
import { queueEntry, useLive } from './LiveContext.tsx';
import { Announce, focusField, LiveSection, showProblems, StateBadge, useFieldError } from './parts.tsx';
import { Officials, PaperSheets, SelfRegistration } from './RegisterExtras.tsx';
import { RuleLink } from '../meetings/RuleRefusal.tsx';

interface RegisterValues {
  fullName: string;
  address: string;
  residentOfDistrictId: string;
  category: ParticipantCategory;
  organisation: string;
  phone: string;
  email: string;
  consent: boolean;
  attendance: 'in_person' | 'online';
}

const EMPTY: RegisterValues = {
  fullName: '', address: '', residentOfDistrictId: '', category: 'resident', organisation: '', phone: '', email: '', consent: false, attendance: 'in_person',
};

function valuesOf(data: Partial<ParticipantData>): RegisterValues {
  return {
    fullName: data.fullName ?? '', address: data.address ?? '', residentOfDistrictId: data.residentOfDistrictId ?? '', category: data.category ?? 'resident',
    organisation: data.organisation ?? '', phone: data.phone ?? '', email: data.email ?? '', consent: data.consent === true, attendance: data.attendance ?? 'in_person',
  };
}

/** The keyboard-only quick form: name, address, consent, Enter — about one person in a few seconds. */
function RegisterForm() {
  const { t } = useTranslation('live');
  const language = useLanguage();
  const live = useLive();
  const editing = live.editing?.kind === 'participant' ? live.editing : null;
  const [values, setValues] = useState<RegisterValues>(() => (editing ? valuesOf(editing.data as ParticipantData) : EMPTY));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [announcement, setAnnouncement] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const errorOf = useFieldError(errors);

  const [query] = useDebouncedValue(values.fullName.trim(), 300);
  const suggestions = useQuery({
    queryKey: liveKeys.suggestions(live.meetingId, query),
    queryFn: ({ signal }) => fetchSuggestions(live.meetingId, query, signal),
    enabled: live.online && query.length >= 2 && !editing,
    staleTime: 60_000,
    retry: false,
  });

  const set = <K extends keyof RegisterValues>(key: K, value: RegisterValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key] || (key === 'residentOfDistrictId' && errors.address)) setErrors((e) => ({ ...e, [key]: undefined, ...(key === 'residentOfDistrictId' ? { address: undefined } : {}) }));
  };

  const onName = (fullName: string) => {
    const picked = suggestions.data?.find((s) => s.fullName === fullName);
    setValues((v) => (picked
      ? { ...v, fullName, address: v.address || picked.address || '', category: picked.category, organisation: v.organisation || picked.organisation || '' }
      : { ...v, fullName }));
    if (errors.fullName) setErrors((e) => ({ ...e, fullName: undefined }));
  };

  const check = (consentGiven = false) => {
    const body = compact({
      ...(editing ? (editing.data as Record<string, unknown>) : {}),
      fullName: values.fullName,
      address: values.address,
      residentOfDistrictId: values.residentOfDistrictId || null,
      category: values.category,
      organisation: values.organisation,
      phone: values.phone,
      email: values.email,
      consent: values.consent || consentGiven,
      consentVersion: live.state.consent.version,
      attendance: values.attendance,
      ...(editing ? {} : {
        ...(live.paperSheet ? { paperSheetId: live.paperSheet.id } : { arrivedAt: new Date().toISOString() }),
      }),
    });
    const result = validate(ParticipantBody, body);
    const problems: FieldErrors = result.ok ? {} : { ...result.errors };
    // A resident is known by name and address (or district): that is how a second entry of the same person is found.
    if (values.category === 'resident' && !values.address.trim() && !values.residentOfDistrictId) problems.address = 'place';
    return { result, problems };
  };

  /**
   * `consentGiven`: the "consent given — register" button, pressed by the inspector once the person
   * has agreed to the text shown (its version is recorded with the entry). Enter never implies it.
   */
  const submit = async (event?: FormEvent, consentGiven = false) => {
    event?.preventDefault();
    const { result, problems } = check(consentGiven);
    if (!result.ok || Object.values(problems).some(Boolean)) {
      showProblems(formRef.current, problems, setErrors, setAnnouncement);
      return;
    }
    const { clientKey: _ignored, ...data } = result.data;
    await queueEntry(live, 'participant', editing, data);
    setAnnouncement(t('register.added', { name: data.fullName }));
    setValues((v) => ({ ...EMPTY, attendance: v.attendance }));
    setErrors({});
    focusField(nameRef.current);
  };

  /** Enter moves on to the next empty required field, and submits when there is none. */
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (!(target instanceof HTMLInputElement) || ['button', 'submit', 'file'].includes(target.type)) return;
    event.preventDefault();
    const order = [
      { ref: nameRef, empty: !values.fullName.trim() },
      { ref: addressRef, empty: values.category === 'resident' && !values.address.trim() && !values.residentOfDistrictId },
      { ref: consentRef, empty: !values.consent },
    ];
    const at = order.findIndex((f) => f.ref.current === target);
    const next = at >= 0 ? order.slice(at + 1).find((f) => f.empty) : undefined;
    if (next && !order.slice(0, at + 1).some((f) => f.empty)) focusField(next.ref.current);
    else void submit();
  };

  const disabled = !live.canRecord;
  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate aria-labelledby="live-register-form-title" data-testid="live-register-form">
      <Stack gap="sm">
        {live.paperSheet && !editing && (
          <Group gap="xs" justify="space-between" className="live-banner">
            <Text size="sm">{t('register.fromSheet', { number: live.paperSheet.number })}</Text>
            <Button size="compact-sm" variant="default" onClick={() => live.setPaperSheet(null)}>{t('paper.stop')}</Button>
          </Group>
        )}
        <TextInput
          ref={nameRef}
          label={t('register.fullName')}
          value={values.fullName}
          onChange={(e) => onName(e.currentTarget.value)}
          error={errorOf('fullName')}
          required
          autoFocus
          autoComplete="off"
          list={suggestions.data?.length ? listId : undefined}
          data-testid="live-name"
          disabled={disabled}
        />
        {suggestions.data && suggestions.data.length > 0 && (
          <datalist id={listId} aria-label={t('register.suggestions')}>
            {suggestions.data.map((s) => <option key={`${s.fullName}|${s.address ?? ''}`} value={s.fullName}>{s.address ?? ''}</option>)}
          </datalist>
        )}
        <TextInput
          ref={addressRef}
          label={t('register.address')}
          value={values.address}
          onChange={(e) => set('address', e.currentTarget.value)}
          error={errorOf('address')}
          autoComplete="off"
          data-testid="live-address"
          disabled={disabled}
        />
        <Checkbox
          ref={consentRef}
          label={t('register.consent')}
          checked={values.consent}
          onChange={(e) => set('consent', e.currentTarget.checked)}
          error={errorOf('consent')}
          data-testid="live-consent"
          disabled={disabled}
        />
        <details className="live-details">
          <summary>{t('register.consentText', { version: live.state.consent.version })}</summary>
          <Text size="sm" lang={language} mt={4}>{live.state.consent[language]}</Text>
        </details>
        <details className="live-details" open={Boolean(values.residentOfDistrictId || values.phone || values.email || values.organisation || values.category !== 'resident') || undefined}>
          <summary>{t('register.more')}</summary>
          <Stack gap="sm" mt="xs">
            {live.state.districts.length > 0 && (
              <NativeSelect
                label={t('register.residentOf')}
                value={values.residentOfDistrictId}
                onChange={(e) => set('residentOfDistrictId', e.currentTarget.value)}
                data={[{ value: '', label: t('register.residentOfNone') }, ...live.state.districts.map((d) => ({ value: d.id, label: `${d.code} — ${localName(d, language)}` }))]}
                data-testid="live-resident-of"
                disabled={disabled}
              />
            )}
            <NativeSelect
              label={t('register.category')}
              value={values.category}
              onChange={(e) => set('category', e.currentTarget.value as ParticipantCategory)}
              data={PARTICIPANT_CATEGORY_VALUES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
              data-testid="live-category"
              disabled={disabled}
            />
            {values.category !== 'resident' && (
              <TextInput label={t('register.organisation')} value={values.organisation} onChange={(e) => set('organisation', e.currentTarget.value)} error={errorOf('organisation')} disabled={disabled} />
            )}
            <TextInput label={t('register.phone')} type="tel" value={values.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errorOf('phone')} autoComplete="off" disabled={disabled} />
            <TextInput label={t('register.email')} type="email" value={values.email} onChange={(e) => set('email', e.currentTarget.value)} error={errorOf('email')} autoComplete="off" disabled={disabled} />
            <Radio.Group label={t('register.attendance')} value={values.attendance} onChange={(v) => set('attendance', v as RegisterValues['attendance'])}>
              <Group gap="md" mt={4}>
                <Radio value="in_person" label={t('attendance.in_person')} disabled={disabled} />
                <Radio value="online" label={t('attendance.online')} disabled={disabled} />
              </Group>
            </Radio.Group>
          </Stack>
        </details>
        <Group gap="sm">
          {/* Issue 14: one tap when the person has agreed — name, address, this button (3 per person). */}
          {!values.consent && !editing && (
            <Button size="md" leftSection={<IconUserCheck size={18} aria-hidden />} onClick={() => void submit(undefined, true)}
              data-testid="live-register-consent" disabled={disabled}>
              {t('register.submitWithConsent')}
            </Button>
          )}
          <Button type="submit" variant={!values.consent && !editing ? 'default' : 'filled'} leftSection={<IconUserPlus size={18} aria-hidden />} data-testid="live-register-submit" disabled={disabled}>
            {editing ? t('register.saveRetry') : t('register.submit')}
          </Button>
          {editing && <Button variant="default" onClick={() => live.setEditing(null)}>{t('register.cancelEdit')}</Button>}
        </Group>
        <Announce message={announcement} />
      </Stack>
    </form>
  );
}

/** The register: everyone present, saved or waiting, searchable. */
function RegisterList({ rows }: { rows: RegisterRow[] }) {
  const { t } = useTranslation('live');
  const language = useLanguage();
  const live = useLive();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const remove = useMutation({
    mutationFn: (id: string) => deleteRecord('participants', id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: liveKeys.state(live.meetingId), exact: true }),
  });
  const shown = useMemo(() => rows.filter((r) => matchesSearch(r, search)), [rows, search]);
  return (
    <Stack gap="sm">
      <TextInput type="search" label={t('register.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-testid="live-register-search" />
      {remove.isError && <ErrorAlert error={remove.error} />}
      {shown.length === 0
        ? <Text size="sm" c="gray.8">{rows.length === 0 ? t('register.empty') : t('register.noMatch')}</Text>
        : (
          <ol className="live-list" aria-label={t('register.listTitle')} data-testid="live-register">
            {shown.map((row) => (
              <li key={row.key} data-testid="live-register-row" data-state={row.state}>
                <span className="live-number" aria-label={row.number === null ? undefined : `${t('register.number')} ${row.number}`}>{row.number ?? '·'}</span>
                <div className="live-row-main">
                  <Text fw={600} size="sm" className="live-text">{row.fullName}</Text>
                  <Text size="xs" c="gray.8">
                    {t(`category.${row.category}`)} · {t(`channel.${row.channel}`)} · {t(`attendance.${row.attendance}`)} · <time dateTime={row.arrivedAt}>{formatClock(row.arrivedAt, language)}</time>
                  </Text>
                </div>
                <Group gap={6} wrap="nowrap" className="live-row-side">
                  <StateBadge state={row.state} />
                  {row.state === 'saved' && row.id && (
                    <Button size="compact-xs" variant="outline" color="red.9" disabled={!live.online || remove.isPending}
                      title={live.online ? undefined : t('sync.onlineOnly')}
                      aria-label={`${t('register.delete')}: ${row.fullName}`}
                      onClick={() => { if (window.confirm(t('register.deleteConfirm', { name: row.fullName }))) remove.mutate(row.id!); }}>
                      {t('register.delete')}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </ol>
        )}
    </Stack>
  );
}

export function RegisterPanel({ publicUrl }: { publicUrl: string }) {
  const { t } = useTranslation('live');
  const live = useLive();
  const rows = useMemo(() => registerRows(live.state, live.ops), [live.state, live.ops]);
  const editingKey = live.editing?.kind === 'participant' ? live.editing.clientKey : 'new';
  return (
    <Stack gap="md">
      {/* No greyed-out form while recording is closed: the notice above says why. */}
      {live.canRecord && (
        <LiveSection id="live-register-form-title" title={t('register.formTitle')}>
          <RegisterForm key={editingKey} />
        </LiveSection>
      )}
      <LiveSection id="live-register-title" title={`${t('register.listTitle')} (${participantCount(rows)})`}>
        <RegisterList rows={rows} />
      </LiveSection>
      <LiveSection id="live-officials-title" title={<>{t('officials.title')} <Text span inherit fw={400}>(<RuleLink rule="R-26" />)</Text></>}>
        <Officials rows={rows} />
      </LiveSection>
      <LiveSection id="live-paper-title" title={t('paper.title')}>
        <PaperSheets />
      </LiveSection>
      <LiveSection id="live-self-title" title={t('selfRegistration.title')}>
        <SelfRegistration publicUrl={publicUrl} />
      </LiveSection>
    </Stack>
  );
}
