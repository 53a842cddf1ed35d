import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarCheck, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatLongDate } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { RuleLink } from './RuleRefusal.tsx';
import type { MeetingDetail } from './types.ts';
import { TONE } from './StatusBadge.tsx';

/** the notice deadline and how many days are left, or that notice was given. */
export function NoticePanel({ notice }: { notice: MeetingDetail['notice'] }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const deadline = formatLongDate(notice.deadline, language);
  const rule = <Text size="sm">{t('meeting.notice.rule')} (<RuleLink rule="R-27.1" />)</Text>;
  if (notice.given) {
    return (
      <Alert color={TONE.green} icon={<IconCircleCheck aria-hidden />} title={t('meeting.notice.given')} data-testid="notice" data-given="true">
        {rule}
      </Alert>
    );
  }
  const passed = notice.daysLeft < 0;
  return (
    <Alert
      color={passed ? 'red' : notice.daysLeft <= 3 ? TONE.orange : TONE.blue}
      icon={passed ? <IconAlertTriangle aria-hidden /> : <IconCalendarCheck aria-hidden />}
      title={t('meeting.notice.deadlineOn', { date: deadline })}
      data-testid="notice"
      data-given="false"
    >
      <Text size="sm" fw={600}>
        {passed ? t('meeting.notice.passed', { count: -notice.daysLeft }) : t('meeting.notice.daysLeft', { count: notice.daysLeft })}
      </Text>
      {rule}
    </Alert>
  );
}
