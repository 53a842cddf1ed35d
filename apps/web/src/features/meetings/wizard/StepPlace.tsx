import { MEETING_DIRECTIONS_MAX } from '@esep/contracts';
import { Alert, Checkbox, NumberInput, Radio, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RuleLink } from '../RuleRefusal.tsx';
import { FORMATS } from '../options.ts';
import type { MeetingFormat } from '../types.ts';
import { hasLink, hasVenue } from './plan.ts';
import type { StepProps } from './StepProps.ts';
import { TONE } from '../StatusBadge.tsx';

const count = (value: number | string): number | '' => (typeof value === 'number' ? value : '');

/** Step 3: indoor, open air, online or both, and a venue for the expected numbers. */
export function StepPlace({ form, set, errors }: StepProps) {
  const { t } = useTranslation('meetings');
  const overCapacity = hasVenue(form.format) && form.venueCapacity !== '' && form.expectedParticipants !== ''
    && form.expectedParticipants > form.venueCapacity;

  return (
    <Stack gap="md">
      <Radio.Group
        label={t('wizard.place.format')}
        description={<>{t('wizard.place.formatHint')} (<RuleLink rule="R-27.2" />)</>}
        value={form.format}
        onChange={(value) => set({ format: value as MeetingFormat })}
        error={errors.format}
      >
        <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="sm">
          {FORMATS.map((format) => (
            <Radio key={format} size="md" value={format} label={t(`format.${format}`)} data-testid={`wizard-format-${format}`} />
          ))}
        </SimpleGrid>
      </Radio.Group>

      {form.format === 'open_air' && (
        <Checkbox
          size="md"
          checked={form.weatherConsidered}
          onChange={(e) => set({ weatherConsidered: e.currentTarget.checked })}
          label={t('wizard.place.weather')}
          description={t('wizard.place.weatherHint')}
          error={errors.weatherConsidered}
          data-testid="wizard-weather"
        />
      )}

      {hasLink(form.format) && (
        <TextInput
          size="md"
          type="url"
          inputMode="url"
          label={t('wizard.place.link')}
          placeholder="https://"
          value={form.onlineLink}
          onChange={(e) => set({ onlineLink: e.currentTarget.value })}
          error={errors.onlineLink}
          withAsterisk
          data-testid="wizard-link"
        />
      )}

      {hasVenue(form.format) && (
        <>
          <TextInput
            size="md"
            label={t('wizard.place.venueName')}
            placeholder={t('wizard.place.venueNamePlaceholder')}
            value={form.venueName}
            onChange={(e) => set({ venueName: e.currentTarget.value })}
            error={errors.venueName}
            data-testid="wizard-venue-name"
          />
          <TextInput
            size="md"
            label={t('wizard.place.venueAddress')}
            value={form.venueAddress}
            onChange={(e) => set({ venueAddress: e.currentTarget.value })}
            error={errors.venueAddress}
            withAsterisk
            autoComplete="street-address"
            data-testid="wizard-venue-address"
          />
          <Textarea
            size="md"
            label={t('wizard.place.directions')}
            description={t('wizard.place.directionsHint')}
            placeholder={t('wizard.place.directionsPlaceholder')}
            value={form.directions}
            onChange={(e) => set({ directions: e.currentTarget.value })}
            error={errors.directions}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={MEETING_DIRECTIONS_MAX}
            data-testid="wizard-directions"
          />
        </>
      )}

      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        {hasVenue(form.format) && (
          <NumberInput
            size="md"
            label={t('wizard.place.capacity')}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={form.venueCapacity}
            onChange={(v) => set({ venueCapacity: count(v) })}
            error={errors.venueCapacity}
            data-testid="wizard-capacity"
          />
        )}
        <NumberInput
          size="md"
          label={t('wizard.place.expected')}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          value={form.expectedParticipants}
          onChange={(v) => set({ expectedParticipants: count(v) })}
          error={errors.expectedParticipants}
          data-testid="wizard-expected"
        />
      </SimpleGrid>
      <div aria-live="polite">
        {overCapacity && (
          <Alert color={TONE.orange} icon={<IconAlertTriangle aria-hidden />} data-testid="wizard-capacity-warning">
            {t('wizard.place.overCapacity', { expected: form.expectedParticipants, capacity: form.venueCapacity })} (<RuleLink rule="R-27.2" />)
          </Alert>
        )}
      </div>
    </Stack>
  );
}
