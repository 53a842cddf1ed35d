import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconClock, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { ProtocolSignature, Protocol, SignBody, Signer, Signing } from './protocol.api.ts';
import { SignModal } from './SignModal.tsx';
import { badgeStyles, TONE } from '../meetings/StatusBadge.tsx';
import { formatLongDateTime } from '../../app/format.ts';

/** Who signs (each reporting inspector) and who has: when and how. */
export function SignerList({ signers, signatures, testId }: { signers: Signer[]; signatures: ProtocolSignature[]; testId: string }) {
  const { t } = useTranslation('protocol');
  const language = useLanguage();
  return (
    <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} data-testid={testId}>
      {signers.map((signer) => {
        const signature = signatures.find((s) => s.staffId === signer.staffId);
        return (
          <Paper withBorder p="sm" component="li" key={signer.staffId} data-testid="signer" data-signed={signer.signed}>
            <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text fw={600}>{signer.fullName}</Text>
                {signature ? (
                  <>
                    <Text size="sm">{t('signatures.signedAt', { when: formatLongDateTime(signature.signedAt, language) })} · {t(`method.${signature.method}`)}</Text>
                    {signature.certificateSubject && <Text size="xs" c="gray.8" style={{ overflowWrap: 'anywhere' }}>{signature.certificateSubject}</Text>}
                  </>
                ) : signer.signedAt ? (
                  <Text size="sm">{t('signatures.signedAt', { when: formatLongDateTime(signer.signedAt, language) })}</Text>
                ) : null}
              </Stack>
              {signer.signed
                ? <Badge color={TONE.green} tt="none" styles={badgeStyles} leftSection={<IconCircleCheck size={14} aria-hidden />}>{t('signatures.signed')}</Badge>
                : <Badge color={TONE.orange} tt="none" styles={badgeStyles} leftSection={<IconClock size={14} aria-hidden />}>{t('signatures.waiting')}</Badge>}
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** "Sign" for the current user when he is a reporter who has not signed yet, and its modal. */
export function SignButton({ meetingId, signing, title, label, submit, testId }: {
  meetingId: string;
  signing: Signing | null;
  title: string;
  label: string;
  submit: (body: SignBody) => Promise<Protocol>;
  testId: string;
}) {
  const [opened, setOpened] = useState(false);
  if (!signing?.canSign) return null;
  return (
    <>
      <Button leftSection={<IconSignature size={18} aria-hidden />} onClick={() => setOpened(true)} data-testid={testId}>{label}</Button>
      {opened && <SignModal meetingId={meetingId} opened={opened} onClose={() => setOpened(false)} title={title} signing={signing} submit={submit} />}
    </>
  );
}
