import { Button, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/status.tsx';
import { changePassword } from '../auth/auth.api.ts';

const MIN_LENGTH = 10;

export function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);

  const save = useMutation({
    mutationFn: () => changePassword({ currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent(''); setNext(''); setConfirm(''); setChecked(false);
      notifications.show({ color: 'teal', title: t('app.success'), message: t('account.changed') });
    },
  });

  const errors = {
    current: current ? undefined : t('account.required'),
    next: next.length >= MIN_LENGTH ? undefined : t('account.tooShort'),
    confirm: confirm === next ? undefined : t('account.mismatch'),
  };
  const show = (error: string | undefined) => (checked ? error : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!errors.current && !errors.next && !errors.confirm) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="password-form">
      <Stack gap="sm" maw={420}>
        {save.isError && <ErrorAlert error={save.error} />}
        <TextInput
          type="password"
          label={t('account.currentPassword')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={show(errors.current)}
          required
          data-testid="password-current"
        />
        <TextInput
          type="password"
          label={t('account.newPassword')}
          description={t('account.newPasswordHint')}
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={show(errors.next)}
          required
          data-testid="password-new"
        />
        <TextInput
          type="password"
          label={t('account.confirmPassword')}
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={show(errors.confirm)}
          required
          data-testid="password-confirm"
        />
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }} data-testid="password-submit">
          {t('account.submit')}
        </Button>
      </Stack>
    </form>
  );
}
