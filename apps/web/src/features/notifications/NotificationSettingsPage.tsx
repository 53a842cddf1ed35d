import { Alert, Button, Checkbox, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconShieldLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { LANGUAGES } from '../../i18n/index.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { ChannelFields, fieldId } from './ChannelFields.tsx';
import { fetchSettings, notificationKeys, saveSettings, type Channel, type NotificationSettings } from './notifications.api.ts';
import {
  ADDRESS_FIELD, bodyOf, consentRecorded, formOf, needsConsent, serverErrors, validate,
  type FormErrors, type FormField, type SettingsForm,
} from './settings.form.ts';
import './notifications.css';

/** The order the fields are on the page: the first wrong one gets the focus. */
const FIELD_ORDER: readonly FormField[] = ['email', 'telegramChatId', 'phone', 'whatsapp', 'consent', 'quietFrom', 'quietTo', 'digestAt', 'locale'];

function SettingsFormView({ saved }: { saved: NotificationSettings }) {
  const { t } = useTranslation(['notifications', 'translation']);
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SettingsForm>(() => formOf(saved));
  const [checked, setChecked] = useState(false);
  const [server, setServer] = useState<{ fields: FormErrors; other: boolean }>({ fields: {}, other: false });

  const save = useMutation({
    mutationFn: saveSettings,
    onSuccess: (next) => {
      queryClient.setQueryData(notificationKeys.settings, next);
      setForm(formOf(next));
      setChecked(false);
      setServer({ fields: {}, other: false });
      notifications.show({ color: 'teal', title: t('translation:app.success'), message: t('settings.saved') });
    },
    onError: (error) => {
      const mapped = serverErrors(error);
      setServer(mapped);
      focusFirst(mapped.fields);
    },
  });

  // What the user changes is his answer to the server's objection there: that error goes.
  const update = (patch: Partial<SettingsForm>, ...fields: FormField[]) => {
    setForm((current) => ({ ...current, ...patch }));
    if (fields.some((f) => server.fields[f])) {
      setServer((current) => ({ ...current, fields: Object.fromEntries(Object.entries(current.fields).filter(([f]) => !fields.includes(f as FormField))) }));
    }
  };
  const onChannel = (channel: Channel, on: boolean) =>
    update({ channels: { ...form.channels, [channel]: on } }, ADDRESS_FIELD[channel], 'consent');

  const errors: FormErrors = { ...(checked ? validate(form, saved) : {}), ...server.fields };
  const error = (field: FormField) => {
    const key = errors[field];
    return key ? t(key) : undefined;
  };
  const askConsent = needsConsent(form, saved) || Boolean(server.fields.consent);

  function focusFirst(found: FormErrors) {
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setServer({ fields: {}, other: false });
    const found = validate(form, saved);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    save.mutate(bodyOf(form));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="settings-form">
      <Stack gap="md" maw={720}>
        {save.isError && server.other && <ErrorAlert error={save.error} />}
        {checked && Object.keys(errors).length > 0 && !server.other && (
          <Alert color="red" role="alert" data-testid="settings-invalid">{t('settings.invalid')}</Alert>
        )}
        <Paper withBorder p="md">
          <ChannelFields
            form={form}
            errors={errors}
            onChannel={onChannel}
            onAddress={(field, value) => update({ [field]: value } as Partial<SettingsForm>, field)}
            consentKept={consentRecorded(saved) && !askConsent}
          />
        </Paper>

        {askConsent && (
          <Paper withBorder p="md" component="section" aria-labelledby="settings-consent-title" data-testid="settings-consent-box">
            <Title order={2} size="h4" mb="xs" id="settings-consent-title">
              <IconShieldLock size={20} aria-hidden style={{ verticalAlign: 'text-bottom', marginRight: 6 }} />
              {t('settings.consentTitle')}
            </Title>
            <Text size="sm" mb="sm">{t('settings.consentText')}</Text>
            <Checkbox
              id={fieldId('consent')}
              label={t('settings.consentLabel')}
              checked={form.consent}
              onChange={(event) => update({ consent: event.currentTarget.checked }, 'consent')}
              // Mantine's checkbox neither marks itself invalid nor points at its error: done here.
              error={Boolean(errors.consent)}
              aria-invalid={Boolean(errors.consent)}
              aria-describedby={errors.consent ? 'settings-consent-error' : undefined}
              data-testid="settings-consent"
            />
            {errors.consent && <Text id="settings-consent-error" c="red.9" size="sm" mt={4} data-testid="settings-consent-error">{error('consent')}</Text>}
          </Paper>
        )}

        <Paper withBorder p="md">
          <fieldset className="settings-fieldset">
            <legend>{t('settings.quiet')}</legend>
            <Text size="sm" c="gray.8" mb="sm">{t('settings.quietHint')}</Text>
            <SimpleGrid cols={2} spacing="sm" maw={360}>
              <TextInput type="time" id={fieldId('quietFrom')} label={t('settings.quietFrom')} value={form.quietFrom}
                onChange={(e) => update({ quietFrom: e.currentTarget.value }, 'quietFrom', 'quietTo')} error={error('quietFrom')} data-testid="settings-quiet-from" />
              <TextInput type="time" id={fieldId('quietTo')} label={t('settings.quietTo')} value={form.quietTo}
                onChange={(e) => update({ quietTo: e.currentTarget.value }, 'quietFrom', 'quietTo')} error={error('quietTo')} data-testid="settings-quiet-to" />
            </SimpleGrid>
          </fieldset>
        </Paper>

        <Paper withBorder p="md">
          <fieldset className="settings-fieldset">
            <legend>{t('settings.digest')}</legend>
            <Stack gap="sm">
              <Checkbox label={t('settings.digestLabel')} checked={form.digest}
                onChange={(e) => update({ digest: e.currentTarget.checked })} data-testid="settings-digest" />
              {form.digest && (
                <TextInput type="time" id={fieldId('digestAt')} label={t('settings.digestAt')} value={form.digestAt} maw={200}
                  onChange={(e) => update({ digestAt: e.currentTarget.value }, 'digestAt')} error={error('digestAt')} required
                  className="settings-address" data-testid="settings-digest-at" />
              )}
            </Stack>
          </fieldset>
        </Paper>

        <Paper withBorder p="md">
          <NativeSelect
            id={fieldId('locale')}
            label={t('settings.language')}
            value={form.locale}
            onChange={(e) => update({ locale: e.currentTarget.value as SettingsForm['locale'] }, 'locale')}
            error={error('locale')}
            maw={360}
            data-testid="settings-locale"
          >
            <option value="">{t('settings.languageInterface', { language: t(`translation:languages.${language}`) })}</option>
            {LANGUAGES.map((value) => <option key={value} value={value} lang={value}>{t(`translation:languages.${value}`)}</option>)}
          </NativeSelect>
        </Paper>

        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }} data-testid="settings-submit">
          {t('settings.save')}
        </Button>
      </Stack>
    </form>
  );
}

/** How the user gets his reminders besides the bell (issue 12): channels, quiet hours, digest, language. */
export function NotificationSettingsPage() {
  const { t } = useTranslation(['notifications', 'translation']);
  useDocumentTitle(`${t('settings.title')} — ${t('translation:app.name')}`);
  const query = useQuery({ queryKey: notificationKeys.settings, queryFn: ({ signal }) => fetchSettings(signal), staleTime: 0 });
  return (
    <Stack gap="md">
      <Title order={1}>{t('settings.title')}</Title>
      <Text maw={720}>{t('settings.intro')}</Text>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <SettingsFormView saved={query.data} />}
    </Stack>
  );
}
