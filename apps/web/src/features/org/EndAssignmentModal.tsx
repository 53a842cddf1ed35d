import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayIso } from '../../app/format.ts';
import { Revealed } from '../../app/status.tsx';
import type { Assignment } from '../../app/types.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { AssignmentError } from './AssignmentError.tsx';
import { endAssignment } from './org.api.ts';
import { refreshDistrict } from './refresh.ts';

function EndForm({ assignment, onClose }: { assignment: Assignment; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const today = todayIso();
  // An assignment that starts in the future cannot end before it starts.
  const [to, setTo] = useState(assignment.from > today ? assignment.from : today);
  const [checked, setChecked] = useState(false);
  const error = !to ? t('assignment.endRequired') : to < assignment.from ? t('assignment.endBeforeStart') : undefined;

  const save = useMutation({
    mutationFn: () => endAssignment(assignment.id, to),
    onSuccess: () => {
      refreshDistrict(queryClient, assignment.districtId);
      notifications.show({ color: 'teal', title: t('app.success'), message: t('assignment.ended') });
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!error && !save.isPending) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="end-form">
      <Stack gap="sm">
        <Text size="sm">
          {t('assignment.endIntro', {
            name: assignment.staff.fullName,
            role: t(`assignmentRoles.${assignment.role}`),
            from: formatDate(assignment.from, language),
          })}
        </Text>
        {save.isError && <Revealed><AssignmentError error={save.error} /></Revealed>}
        <TextInput
          type="date"
          label={t('assignment.endDate')}
          description={t('assignment.endHint')}
          value={to}
          min={assignment.from}
          onChange={(event) => { setTo(event.currentTarget.value); save.reset(); }}
          error={checked ? error : undefined}
          required
          data-testid="end-date"
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>{t('app.cancel')}</Button>
          <Button type="submit" color="red" loading={save.isPending} data-testid="end-submit">{t('assignment.endSubmit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Ends an open assignment on a date; the row stays in the history. */
export function EndAssignmentModal({ assignment, opened, onClose }: {
  assignment: Assignment | null; opened: boolean; onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened && assignment !== null} onClose={onClose} title={t('assignment.endTitle')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      {assignment && <EndForm assignment={assignment} onClose={onClose} />}
    </Modal>
  );
}
