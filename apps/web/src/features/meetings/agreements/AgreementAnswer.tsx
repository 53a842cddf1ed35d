import { Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyDone } from '../notify.ts';
import { RefusalAlert } from '../RuleRefusal.tsx';
import { badgeStyles, TONE } from '../StatusBadge.tsx';
import type { MeetingAgreement } from '../types.ts';
import { agreementAnswered, answerAgreement } from './agreements.api.ts';
import { PALETTE } from '../../../app/design.ts';

const COLORS: Record<MeetingAgreement['status'], string> = { pending: PALETTE.pending, accepted: TONE.green, declined: PALETTE.danger };

/** The state of one agreement in words (the colour only repeats it). */
export function AgreementBadge({ status }: { status: MeetingAgreement['status'] }) {
  const { t } = useTranslation('meetings');
  return (
    <Badge color={COLORS[status]} variant="filled" tt="none" styles={badgeStyles} data-testid="agreement-status" data-status={status}>
      {t(`agreement.status.${status}`)}
    </Badge>
  );
}

/** Who answered, and that it was for the inspector when it was not he himself; the reason of a decline. */
export function AgreementAnswered({ agreement }: { agreement: MeetingAgreement }) {
  const { t } = useTranslation('meetings');
  return (
    <>
      {agreement.answeredBy && (
        <Text size="sm" data-testid="agreement-answered-by" data-on-behalf={agreement.answeredBy.onBehalf}>
          {t(agreement.answeredBy.onBehalf ? 'agreement.onBehalf' : 'agreement.answeredBy', { name: agreement.answeredBy.displayName })}
        </Text>
      )}
      {agreement.reason && <Text size="sm" data-testid="agreement-reason-text">{t('agreement.reason')}: {agreement.reason}</Text>}
    </>
  );
}

/**
 * agree, or decline with a reason (the planner sees it and drops the district or cancels).
 * Shown only where the server says the user may answer now.
 */
export function AgreementAnswer({ agreement }: { agreement: MeetingAgreement }) {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const answer = useMutation({
    mutationFn: (value: 'accepted' | 'declined') =>
      answerAgreement(agreement.id, value === 'accepted' ? { answer: 'accepted' } : { answer: 'declined', reason: reason.trim() }),
    onSuccess: (_, value) => {
      setDeclining(false);
      agreementAnswered(queryClient, agreement.meetingId);
      notifyDone(t(value === 'accepted' ? 'agreement.acceptedDone' : 'agreement.declinedDone'));
    },
  });
  if (!agreement.canAnswer) return null;
  return (
    <Stack gap="xs">
      {declining && (
        <Textarea
          label={t('agreement.declineReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)}
          autosize minRows={2} maxLength={1000} required data-testid="agreement-reason"
        />
      )}
      <Group gap="sm">
        {!declining && (
          <Button size="md" color={TONE.green} leftSection={<IconCheck size={18} aria-hidden />} loading={answer.isPending && answer.variables === 'accepted'}
            disabled={answer.isPending || agreement.status === 'accepted'} onClick={() => { answer.reset(); answer.mutate('accepted'); }} data-testid="agreement-accept">
            {t('agreement.accept')}
          </Button>
        )}
        <Button size="md" variant="default" leftSection={<IconX size={18} aria-hidden />} loading={answer.isPending && answer.variables === 'declined'}
          disabled={answer.isPending || (declining && !reason.trim()) || (!declining && agreement.status === 'declined')}
          onClick={() => { answer.reset(); if (declining) answer.mutate('declined'); else setDeclining(true); }}
          data-testid={declining ? 'agreement-decline-confirm' : 'agreement-decline'}>
          {t('agreement.decline')}
        </Button>
        {declining && (
          <Button size="md" variant="subtle" onClick={() => setDeclining(false)} disabled={answer.isPending}>{t('common.cancel')}</Button>
        )}
      </Group>
      {answer.isError && <RefusalAlert error={answer.error} testId="agreement-error" />}
    </Stack>
  );
}
