import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { IconCalendarShare } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/status.tsx';
import { CopyText } from '../meetings/CopyText.tsx';
import { issueFeedToken } from './calendar.api.ts';
import { TONE } from '../meetings/StatusBadge.tsx';

const FEEDS = ['mine', 'district', 'point', 'inspector'] as const;

/** "Subscribe (iCal)": a new key and the feed addresses to paste into a calendar application. */
export function SubscribeButton() {
  const { t } = useTranslation('meetings');
  const [opened, setOpened] = useState(false);
  const issue = useMutation({ mutationFn: issueFeedToken });
  return (
    <>
      <Button size="md" variant="light" leftSection={<IconCalendarShare size={18} aria-hidden />} data-testid="calendar-subscribe"
        onClick={() => { setOpened(true); issue.mutate(); }}>
        {t('calendar.subscribe')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('calendar.subscribeTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('calendar.subscribeHint')}</Text>
          <Alert color={TONE.orange} variant="light">{t('calendar.subscribeRevokes')}</Alert>
          {issue.isPending && <Text role="status">{t('common.loading')}</Text>}
          {issue.isError && <ErrorAlert error={issue.error} onRetry={() => issue.mutate()} />}
          {issue.data && FEEDS.filter((feed) => issue.data.urls[feed]).map((feed) => (
            <CopyText key={feed} label={t(`calendar.feeds.${feed}`)} value={issue.data.urls[feed]!} testId={`feed-${feed}`} />
          ))}
          <Button variant="default" onClick={() => setOpened(false)} style={{ alignSelf: 'flex-end' }}>{t('common.close')}</Button>
        </Stack>
      </Modal>
    </>
  );
}
