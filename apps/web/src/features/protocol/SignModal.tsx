import { Alert, Anchor, Button, Group, Modal, PasswordInput, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconKey, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { RefusalAlert, refusalOf, RuleLink } from '../meetings/RuleRefusal.tsx';
import { NCALAYER_DOWNLOAD, NcaLayerError, signWithNcaLayer } from './ncalayer.ts';
import { protocolChanged, type Protocol, type SignBody, type Signing } from './protocol.api.ts';

type Method = 'builtin' | 'ncalayer';

/**
 * Signing the protocol or an addendum: with the Esep signature (the user's password again) or
 * with a qualified EDS through NCALayer on the user's computer.: after the meeting day
 * a reason for the delay is required.
 */
export function SignModal({ meetingId, opened, onClose, title, signing, submit }: {
  meetingId: string;
  opened: boolean;
  onClose: () => void;
  title: string;
  signing: Signing;
  submit: (body: SignBody) => Promise<Protocol>;
}) {
  const { t } = useTranslation('protocol');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [method, setMethod] = useState<Method>('builtin');
  const [password, setPassword] = useState('');
  const [lateReason, setLateReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [ncaError, setNcaError] = useState<NcaLayerError | null>(null);
  const [ncaBusy, setNcaBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: (protocol) => {
      protocolChanged(queryClient, meetingId, protocol);
      setPassword('');
      onClose();
    },
  });
  const refusal = mutation.error ? refusalOf(mutation.error) : null;
  const wrongPassword = isApiError(mutation.error) && mutation.error.code === 'wrong_password';
  const lateRefused = refusal?.field === 'lateReason' || (isApiError(mutation.error) && (mutation.error.details as { reason?: string } | undefined)?.reason === 'late_reason_required');
  const reason = lateReason.trim();
  // a qualified signature must carry the signer's IIN as recorded in Esep; without one
  // the server refuses (`iin_not_recorded`), so the EDS option is closed before NCALayer is asked.
  const iinMissing = signing.qualifiedAvailable && !signing.iinRecorded;
  const edsAvailable = signing.qualifiedAvailable && signing.iinRecorded;

  const reasonMissing = () => {
    if (signing.lateReasonRequired && !reason) {
      setReasonError(t('sign.lateReasonRequired'));
      return true;
    }
    setReasonError(null);
    return false;
  };

  const signWithPassword = (event: FormEvent) => {
    event.preventDefault();
    if (reasonMissing() || !password) return;
    mutation.mutate({ method: 'builtin', password, ...(signing.lateReasonRequired ? { lateReason: reason } : {}) });
  };

  const signWithEds = async () => {
    if (reasonMissing()) return;
    setNcaError(null);
    setNcaBusy(true);
    abort.current = new AbortController();
    try {
      // NCALayer signs the payload itself (decoded from base64) and returns an attached CMS.
      const cms = await signWithNcaLayer({ data: signing.payload, decode: true, encapsulate: true, locale: language, signal: abort.current.signal });
      mutation.mutate({ method: 'ncalayer', cms, ...(signing.lateReasonRequired ? { lateReason: reason } : {}) });
    } catch (error) {
      setNcaError(error instanceof NcaLayerError ? error : new NcaLayerError('refused', String(error)));
    } finally {
      setNcaBusy(false);
      abort.current = null;
    }
  };

  const close = () => {
    abort.current?.abort();
    mutation.reset();
    setNcaError(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" closeButtonProps={{ 'aria-label': t('sign.close') }} data-testid="sign-modal">
      <Stack gap="md">
        <Text size="sm">{t('sign.intro')}</Text>
        <Text size="xs" c="gray.8" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="sign-hash">
          SHA-256: {signing.payloadHash}
        </Text>
        {signing.lateReasonRequired && (
          <Stack gap={4}>
            <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />}>
              {t('sign.lateNotice')} (<RuleLink rule="R-32.3" />)
            </Alert>
            <Textarea label={t('sign.lateReason')} description={t('sign.lateReasonHint')} required autosize minRows={2} maxLength={2000}
              value={lateReason} onChange={(e) => setLateReason(e.currentTarget.value)}
              error={reasonError ?? (lateRefused && refusal ? refusal.message : undefined)} data-testid="sign-late-reason" />
          </Stack>
        )}
        <Tabs value={method} onChange={(value) => { setMethod((value as Method) ?? 'builtin'); mutation.reset(); }}>
          <Tabs.List>
            <Tabs.Tab value="builtin" leftSection={<IconKey size={16} aria-hidden />} data-testid="sign-tab-builtin">{t('sign.builtinTab')}</Tabs.Tab>
            <Tabs.Tab value="ncalayer" leftSection={<IconShieldCheck size={16} aria-hidden />} data-testid="sign-tab-ncalayer">{t('sign.ncalayerTab')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="builtin" pt="md">
            <form onSubmit={signWithPassword} noValidate>
              <Stack gap="sm">
                <Text size="sm">{t('sign.builtinIntro')}</Text>
                <PasswordInput label={t('sign.password')} required autoComplete="current-password" value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)} error={wrongPassword ? refusal?.message : undefined}
                  data-testid="sign-password" />
                {mutation.isError && !wrongPassword && !lateRefused && <RefusalAlert error={mutation.error} testId="sign-error" />}
                <Group justify="flex-end">
                  <Button variant="default" onClick={close}>{t('sign.cancel')}</Button>
                  <Button type="submit" loading={mutation.isPending} disabled={!password} data-testid="sign-submit">{t('sign.submit')}</Button>
                </Group>
              </Stack>
            </form>
          </Tabs.Panel>
          <Tabs.Panel value="ncalayer" pt="md">
            <Stack gap="sm">
              <Text size="sm">{t('sign.ncalayerIntro')}</Text>
              {!signing.qualifiedAvailable && (
                <Alert color="gray" variant="light" data-testid="ncalayer-not-configured">{t('sign.ncalayerNotConfigured')}</Alert>
              )}
              {iinMissing && (
                <Alert color="gray" variant="light" data-testid="ncalayer-iin-not-recorded">
                  {t('sign.iinNotRecorded')} (<RuleLink rule="R-32.1" />)
                </Alert>
              )}
              {ncaError && (
                <Alert color={ncaError.kind === 'cancelled' ? 'gray' : 'red'} icon={<IconAlertCircle aria-hidden />} role="alert" data-testid="ncalayer-error" data-kind={ncaError.kind}>
                  <Stack gap={4}>
                    <Text size="sm">{t(`sign.ncalayer.${ncaError.kind}`)}</Text>
                    {ncaError.kind === 'refused' && <Text size="xs" c="gray.8">{ncaError.message}</Text>}
                    {ncaError.kind === 'unavailable' && (
                      <Anchor href={NCALAYER_DOWNLOAD} target="_blank" rel="noreferrer" size="sm">{t('sign.ncalayer.download')}</Anchor>
                    )}
                  </Stack>
                </Alert>
              )}
              {method === 'ncalayer' && mutation.isError && <RefusalAlert error={mutation.error} testId="sign-error-eds" />}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>{t('sign.cancel')}</Button>
                <Button onClick={() => void signWithEds()} loading={ncaBusy || mutation.isPending} disabled={!edsAvailable}
                  data-testid="sign-ncalayer">
                  {ncaBusy ? t('sign.ncalayerWaiting') : t('sign.ncalayerSubmit')}
                </Button>
              </Group>
            </Stack>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Modal>
  );
}
