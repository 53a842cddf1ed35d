import { AGREEMENT_OPEN_STATUSES } from '@esep/domain';
import { Alert, Anchor, Paper, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localName } from '../../../i18n/names.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { RuleLink } from '../RuleRefusal.tsx';
import type { MeetingDetail } from '../types.ts';
import { AgreementAnswer, AgreementAnswered, AgreementBadge } from './AgreementAnswer.tsx';

/**
 * on a joint meeting, each other reporting inspector's agreement — asked, given (by him
 * or his lead for him) or declined with its reason — with the answer buttons for those who may give it.
 */
export function AgreementsSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const declined = meeting.agreements.some((a) => a.status === 'declined');
  const waiting = meeting.agreements.some((a) => a.status !== 'accepted');
  const planning = AGREEMENT_OPEN_STATUSES.includes(meeting.status);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('agreement.intro')} (<RuleLink rule="R-27.4" />)</Text>
      {meeting.abilities.update && planning && declined && (
        <Alert color="red" icon={<IconInfoCircle aria-hidden />} data-testid="agreement-declined-hint">{t('agreement.declinedHint')}</Alert>
      )}
      {meeting.abilities.update && planning && waiting && !declined && <Text size="sm" c="gray.8">{t('agreement.waitingHint')}</Text>}
      <ul className="meeting-agreements" data-testid="agreements">
        {meeting.agreements.map((agreement) => (
          <li key={agreement.id} data-testid={`agreement-${agreement.district.code}`} data-status={agreement.status}>
            <Paper withBorder p="sm">
              <Stack gap={6}>
                <Text fw={600}>
                  <Anchor component={Link} to={`/districts/${agreement.district.id}`}>{localName(agreement.district, language)}</Anchor>
                  {' — '}{agreement.staff.fullName}
                </Text>
                <div><AgreementBadge status={agreement.status} /></div>
                <AgreementAnswered agreement={agreement} />
                <AgreementAnswer agreement={agreement} />
              </Stack>
            </Paper>
          </li>
        ))}
      </ul>
    </Stack>
  );
}
