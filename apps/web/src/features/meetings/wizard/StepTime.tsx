import { Alert, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCalendarCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatLongDate, formatQuarter, todayIso } from '../../../app/format.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { RuleLink } from '../RuleRefusal.tsx';
import { noticeFor } from '../time.ts';
import type { StepProps } from './StepProps.ts';
import { TONE } from '../StatusBadge.tsx';

/** Step 4: the day and hours, Almaty time, with the notice deadline of as the user types. */
export function StepTime({ form, set, errors }: StepProps) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const today = todayIso();
  const notice = form.date ? noticeFor(form.date, today) : null;

  return (
    <Stack gap="md">
      <Text size="sm" c="gray.8">{t('wizard.time.zone')}</Text>
      <TextInput
        size="md"
        type="date"
        label={t('wizard.time.date')}
        min={today}
        value={form.date}
        onChange={(e) => set({ date: e.currentTarget.value })}
        error={errors.date ?? errors.startsAt}
        withAsterisk
        data-testid="wizard-date"
      />
      <SimpleGrid cols={2}>
        <TextInput
          size="md"
          type="time"
          label={t('wizard.time.start')}
          value={form.startTime}
          onChange={(e) => set({ startTime: e.currentTarget.value })}
          error={errors.startTime}
          withAsterisk
          data-testid="wizard-start"
        />
        <TextInput
          size="md"
          type="time"
          label={t('wizard.time.end')}
          value={form.endTime}
          onChange={(e) => set({ endTime: e.currentTarget.value })}
          error={errors.endTime ?? errors.endsAt}
          withAsterisk
          data-testid="wizard-end"
        />
      </SimpleGrid>
      <Text size="sm" c="gray.8">
        {t('wizard.time.convenient')} (<RuleLink rule="R-27.2" />)
      </Text>
      <div aria-live="polite" data-testid="wizard-notice">
        {notice && notice.daysLeft >= 0 && (
          <Alert color={notice.daysLeft <= 3 ? TONE.orange : TONE.blue} variant="light" icon={<IconCalendarCheck aria-hidden />}
            title={t('wizard.time.announceBy', { date: formatLongDate(notice.deadline, language) })}>
            <Stack gap={4}>
              <Text size="sm">{t('meeting.notice.daysLeft', { count: notice.daysLeft })}</Text>
              <Text size="sm">{t('wizard.time.noticeRule')} (<RuleLink rule="R-27.1" />)</Text>
              <Text size="sm">{t('wizard.time.quarter', { quarter: formatQuarter(notice.quarter, language) })} (<RuleLink rule="R-22.13" />)</Text>
            </Stack>
          </Alert>
        )}
        {notice && notice.daysLeft < 0 && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />}
            title={t('wizard.time.tooLate', { date: formatLongDate(notice.deadline, language) })}>
            <Text size="sm">
              {t('wizard.time.earliest', { date: formatLongDate(notice.earliest, language) })} (<RuleLink rule="R-27.1" />)
            </Text>
          </Alert>
        )}
      </div>
    </Stack>
  );
}
