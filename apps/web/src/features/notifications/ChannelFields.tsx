import { Checkbox, Stack, Text, TextInput } from '@mantine/core';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from './notifications.api.ts';
import { CHANNELS } from './options.ts';
import { ADDRESS_FIELD, type AddressField, type FormErrors, type SettingsForm } from './settings.form.ts';

/** How each address is typed: the phone keyboard that fits it, and what the browser may fill in. */
const INPUT: Record<Channel, { type: string; inputMode: HTMLAttributes<HTMLInputElement>['inputMode']; autoComplete: string; hint?: 'settings.phoneHint' | 'settings.telegramHowTo' }> = {
  email: { type: 'email', inputMode: 'email', autoComplete: 'email' },
  telegram: { type: 'text', inputMode: 'numeric', autoComplete: 'off', hint: 'settings.telegramHowTo' },
  sms: { type: 'tel', inputMode: 'tel', autoComplete: 'tel', hint: 'settings.phoneHint' },
  whatsapp: { type: 'tel', inputMode: 'tel', autoComplete: 'tel', hint: 'settings.phoneHint' },
};

export const fieldId = (field: string) => `settings-${field}`;

/**
 * The channels besides the bell, each a checkbox with its address under it. The address is
 * asked for only once its channel is ticked: nothing is typed that would not be kept.
 */
export function ChannelFields({ form, errors, onChannel, onAddress, consentKept }: {
  form: SettingsForm;
  errors: FormErrors;
  onChannel: (channel: Channel, on: boolean) => void;
  onAddress: (field: AddressField, value: string) => void;
  consentKept: boolean;
}) {
  const { t } = useTranslation('notifications');
  return (
    <fieldset className="settings-fieldset" data-testid="settings-channels">
      <legend>{t('settings.channels')}</legend>
      <Text size="sm" c="gray.8" mb="sm">{t('settings.channelsHint')}</Text>
      <Stack gap="md">
        {CHANNELS.map((channel) => {
          const field = ADDRESS_FIELD[channel];
          const input = INPUT[channel];
          const error = errors[field];
          return (
            <Stack key={channel} gap={6}>
              <Checkbox
                label={t(`channel.${channel}`)}
                checked={form.channels[channel]}
                onChange={(event) => onChannel(channel, event.currentTarget.checked)}
                data-testid={`settings-channel-${channel}`}
              />
              {form.channels[channel] && (
                <TextInput
                  className="settings-address"
                  id={fieldId(field)}
                  type={input.type}
                  inputMode={input.inputMode}
                  autoComplete={input.autoComplete}
                  label={t(`settings.address.${field}`)}
                  description={input.hint ? t(input.hint) : undefined}
                  placeholder={channel === 'sms' || channel === 'whatsapp' ? '+77011234567' : undefined}
                  value={form[field]}
                  onChange={(event) => onAddress(field, event.currentTarget.value)}
                  error={error ? t(error) : undefined}
                  required
                  maw={420}
                  data-testid={`settings-${field}`}
                />
              )}
            </Stack>
          );
        })}
      </Stack>
      {consentKept && <Text size="sm" c="gray.8" mt="sm" data-testid="settings-consent-kept">{t('settings.consentKept')}</Text>}
    </fieldset>
  );
}
