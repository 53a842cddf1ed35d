import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { RefusalAlert } from '../meetings/RuleRefusal.tsx';
import { formatAlmatyDateTime } from '../meetings/time.ts';
import { addAddendum, protocolChanged, signAddendum, type Addendum, type Protocol } from './protocol.api.ts';
import { SignButton, SignerList } from './Signatures.tsx';
import { badgeStyles, TONE } from '../meetings/StatusBadge.tsx';

function AddendumEntry({ meetingId, addendum }: { meetingId: string; addendum: Addendum }) {
  const { t } = useTranslation('protocol');
  const language = useLanguage();
  const id = `addendum-${addendum.id}`;
  return (
    <Paper withBorder p="sm" component="li" aria-labelledby={id} data-testid="addendum" data-status={addendum.status}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={4} size="h6" id={id}>{t('addenda.number', { number: addendum.number })}</Title>
          <Badge color={addendum.status === 'signed' ? TONE.green : TONE.orange} tt="none" styles={badgeStyles}>{t(`status.${addendum.status}`)}</Badge>
        </Group>
        <Text size="sm" c="gray.8">{formatAlmatyDateTime(addendum.createdAt, language)}</Text>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{addendum.text}</Text>
        <SignerList signers={addendum.signers} signatures={addendum.signatures} testId="addendum-signers" />
        <Group>
          <SignButton meetingId={meetingId} signing={addendum.signing} title={t('addenda.signTitle', { number: addendum.number })}
            label={t('addenda.sign')} submit={(body) => signAddendum(meetingId, addendum.id, body)} testId="addendum-sign" />
        </Group>
      </Stack>
    </Paper>
  );
}

function AddendumForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('protocol');
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const add = useMutation({
    mutationFn: () => addAddendum(meetingId, text.trim()),
    onSuccess: (protocol) => {
      protocolChanged(queryClient, meetingId, protocol);
      setText('');
      setOpen(false);
    },
  });
  if (!open) {
    return (
      <Group>
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpen(true)} data-testid="addendum-add">{t('addenda.add')}</Button>
      </Group>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) add.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea label={t('addenda.text')} description={t('addenda.textHint')} required autosize minRows={3} maxLength={10_000}
          value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="addendum-text" />
        {add.isError && <RefusalAlert error={add.error} />}
        <Group gap="sm">
          <Button type="submit" disabled={!text.trim()} loading={add.isPending} data-testid="addendum-submit">{t('addenda.submit')}</Button>
          <Button variant="default" onClick={() => { setOpen(false); add.reset(); }}>{t('sign.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** after signing the protocol is frozen; a change is an addendum, signed like the protocol. */
export function Addenda({ protocol, canAdd }: { protocol: Protocol; canAdd: boolean }) {
  const { t } = useTranslation('protocol');
  return (
    <Stack gap="sm" data-testid="addenda">
      <Text size="sm" c="gray.8">{t('addenda.intro')}</Text>
      {protocol.addenda.length === 0
        ? <Text size="sm">{t('addenda.none')}</Text>
        : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
            {protocol.addenda.map((a) => <AddendumEntry key={a.id} meetingId={protocol.meetingId} addendum={a} />)}
          </Stack>
        )}
      {canAdd && protocol.status === 'signed' && <AddendumForm meetingId={protocol.meetingId} />}
    </Stack>
  );
}
