import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { IconMailPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingChanged } from '../meetings/meetings.api.ts';
import { CATEGORIES, isRequiredCategory } from '../meetings/options.ts';
import { FieldRefusal, RefusalAlert, refusalOf } from '../meetings/RuleRefusal.tsx';
import type { InvitationCategory, MeetingDetail } from '../meetings/types.ts';
import { createInvitation } from './invitations.api.ts';
import { notifyDone } from '../meetings/notify.ts';

/** Invite someone: the police leadership and akimat take part, the others by agreement. */
export function InvitationForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const [category, setCategory] = useState<InvitationCategory>(
    CATEGORIES.find((c) => isRequiredCategory(c) && !meeting.invitations.some((i) => i.category === c)) ?? 'public',
  );
  const [organisation, setOrganisation] = useState('');
  const [personName, setPersonName] = useState('');
  const [contact, setContact] = useState('');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () => createInvitation(meeting.id, {
      category, organisation: organisation.trim(), personName: personName.trim(), contact: contact.trim() || null,
    }),
    onSuccess: () => {
      meetingChanged(queryClient);
      notifyDone(t('invite.added'));
      setOrganisation('');
      setPersonName('');
      setContact('');
    },
  });
  const refusal = save.isError ? refusalOf(save.error) : null;
  const fieldError = (field: string) => (refusal?.field === field ? <FieldRefusal refusal={refusal} /> : undefined);
  const option = (c: InvitationCategory) => ({ value: c, label: t(`category.${c}`) });

  return (
    <Paper withBorder p="sm" component="form" aria-labelledby="invite-form-title" data-testid="invite-form" noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const incomplete = !organisation.trim() || !personName.trim();
        setMissing(incomplete);
        if (!incomplete) save.mutate();
      }}>
      <Stack gap="sm">
        <Title order={3} size="h5" id="invite-form-title">{t('invite.add')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            size="md"
            label={t('invite.category')}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as InvitationCategory)}
            data={[
              { group: t('invite.requiredGroup'), items: CATEGORIES.filter(isRequiredCategory).map(option) },
              { group: t('invite.agreementGroup'), items: CATEGORIES.filter((c) => !isRequiredCategory(c)).map(option) },
            ]}
            error={fieldError('category')}
            data-testid="invite-category"
          />
          <TextInput size="md" label={t('invite.organisation')} value={organisation} onChange={(e) => setOrganisation(e.currentTarget.value)}
            error={missing && !organisation.trim() ? t('invite.required') : fieldError('organisation')} withAsterisk maxLength={300} data-testid="invite-organisation" />
          <TextInput size="md" label={t('invite.person')} value={personName} onChange={(e) => setPersonName(e.currentTarget.value)}
            error={missing && !personName.trim() ? t('invite.required') : fieldError('personName')} withAsterisk maxLength={200} data-testid="invite-person" />
          <TextInput size="md" label={t('invite.contact')} value={contact} onChange={(e) => setContact(e.currentTarget.value)}
            error={fieldError('contact')} maxLength={200} data-testid="invite-contact" />
        </SimpleGrid>
        {refusal && <RefusalAlert error={save.error} testId="invite-error" />}
        <Group>
          <Button type="submit" size="md" leftSection={<IconMailPlus size={18} aria-hidden />} loading={save.isPending} data-testid="invite-submit">
            {t('invite.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
