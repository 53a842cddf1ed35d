import { maskIin } from '@esep/domain';
import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { ErrorAlert, PageLoader, Revealed } from '../../app/status.tsx';
import type { Staff } from '../../app/types.ts';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { RuleLink } from '../meetings/RuleRefusal.tsx';
import { badgeStyles, TONE } from '../meetings/StatusBadge.tsx';
import { iinDigits, iinInputState } from './iin.ts';
import { fetchStaffMember, recordStaffIin, staffMemberKey } from './users.api.ts';
import { PALETTE } from '../../app/design.ts';

/** A refusal the server ties to the IIN field (400 `iin_invalid`, 409 `iin_taken`): said at the field. */
const atIinField = (error: unknown) =>
  isApiError(error) && (error.details as { field?: unknown } | undefined)?.field === 'iin';

function IinForm({ member, onClose }: { member: Staff; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [iin, setIin] = useState('');
  const [checked, setChecked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const forgetRef = useRef<HTMLButtonElement>(null);
  const name = `${member.fullName} (${member.code})`;

  const saved = (next: Staff) => {
    queryClient.setQueryData(staffMemberKey(next.id), next);
    // Staff lists elsewhere carry `iinRecorded` too.
    void queryClient.invalidateQueries({ queryKey: ['staff'] });
  };
  const save = useMutation({
    mutationFn: (value: string) => recordStaffIin(member.id, value),
    onSuccess: (next, value) => {
      saved(next);
      // The number is never shown whole once sent: only its last four, since the admin just typed it.
      notifications.show({ color: 'teal', title: t('app.success'), message: t('users.iin.saved', { masked: maskIin(value), name }) });
      onClose();
    },
  });
  const forget = useMutation({
    mutationFn: () => recordStaffIin(member.id, null),
    onSuccess: (next) => {
      saved(next);
      notifications.show({ color: 'teal', title: t('app.success'), message: t('users.iin.forgotten', { name }) });
      onClose();
    },
  });
  const refusedAtField = atIinField(save.error);
  useEffect(() => { if (refusedAtField) inputRef.current?.focus(); }, [refusedAtField]);
  // Keyboard: "Forget" moves to the confirmation, its Cancel back to "Forget".
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) forgetRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  // The record arrives after the modal opened, so its own autofocus found nothing yet.
  useEffect(() => inputRef.current?.focus(), []);

  const state = iinInputState(iin);
  const clientError = state === 'empty' ? t('users.iin.required') : state === 'incomplete' ? t('users.iin.incomplete') : state === 'invalid' ? t('users.iin.invalid') : undefined;
  // A wrong check digit is said as soon as the 12th digit is typed; the rest after "Record".
  const fieldError = (checked || state === 'invalid' ? clientError : undefined) ?? (refusedAtField && save.error ? save.error.message : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (state === 'valid' && !save.isPending) save.mutate(iin);
    else inputRef.current?.focus();
  };

  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="staff-iin-member">
        {name}{member.point ? ` · ${localName(member.point, language)}` : ''}
      </Text>
      <Text size="sm" c="gray.8">{t('users.iin.intro')} (<RuleLink rule="R-32.1" />)</Text>
      <Group gap="xs" role="status" data-testid="staff-iin-status" data-recorded={member.iinRecorded}>
        {member.iinRecorded
          ? <Badge color={TONE.green} tt="none" styles={badgeStyles} leftSection={<IconCircleCheck size={14} aria-hidden />}>{t('users.iin.recorded')}</Badge>
          : <Badge color={PALETTE.neutral} tt="none" styles={badgeStyles} leftSection={<IconCircleDashed size={14} aria-hidden />}>{t('users.iin.notRecorded')}</Badge>}
        {member.iinRecorded && <Text size="xs" c="gray.8">{t('users.iin.hidden')}</Text>}
      </Group>
      {save.isError && !refusedAtField && <Revealed><ErrorAlert error={save.error} /></Revealed>}
      {forget.isError && <Revealed><ErrorAlert error={forget.error} /></Revealed>}
      <form onSubmit={submit} noValidate data-testid="staff-iin-form">
        <Stack gap="sm">
          <TextInput
            ref={inputRef}
            label={member.iinRecorded ? t('users.iin.newLabel') : t('users.iin.label')}
            description={member.iinRecorded ? t('users.iin.replaceHint') : t('users.iin.hint')}
            value={iin}
            onChange={(event) => { setIin(iinDigits(event.currentTarget.value)); if (save.isError) save.reset(); }}
            error={fieldError}
            inputMode="numeric"
            maxLength={12}
            autoComplete="off"
            spellCheck={false}
            required
            data-testid="staff-iin-input"
          />
          <Group justify="space-between" gap="sm" mt="xs">
            {member.iinRecorded ? (
              <Button ref={forgetRef} variant="subtle" color={PALETTE.danger} onClick={() => setConfirming(true)} disabled={save.isPending}
                aria-expanded={confirming} aria-controls={confirming ? 'staff-iin-forget-confirm' : undefined} data-testid="staff-iin-forget">
                {t('users.iin.forget')}
              </Button>
            ) : <span />}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>{t('app.cancel')}</Button>
              <Button type="submit" loading={save.isPending} disabled={forget.isPending} data-testid="staff-iin-save">{t('users.iin.save')}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
      {confirming && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('users.iin.forgetTitle')}
          id="staff-iin-forget-confirm" data-testid="staff-iin-forget-confirm">
          <Stack gap="sm">
            <Text size="sm">{t('users.iin.forgetText', { name })}</Text>
            <Group gap="sm" justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)} disabled={forget.isPending}>{t('app.cancel')}</Button>
              <Button ref={confirmRef} color="red.9" loading={forget.isPending} onClick={() => forget.mutate()} data-testid="staff-iin-forget-yes">
                {t('users.iin.forgetYes')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

/**
 * "IIN" of an account bound to a staff member: the administrator records the IIN that a
 * qualified signature (NCALayer) of the protocol must carry, or forgets it. Whether
 * one is recorded is shown, the number never.
 */
export function StaffIinModal({ staffId, opened, onClose }: { staffId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: staffMemberKey(staffId),
    queryFn: ({ signal }) => fetchStaffMember(staffId, signal),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.iin.title')} closeButtonProps={{ 'aria-label': t('app.close') }} data-testid="staff-iin-modal">
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <IinForm member={query.data} onClose={onClose} />}
    </Modal>
  );
}
