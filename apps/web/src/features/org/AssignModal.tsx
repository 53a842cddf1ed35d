import { Button, Group, Modal, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useComboboxProps } from '../../app/combobox.ts';
import { todayIso } from '../../app/format.ts';
import { ErrorAlert, Revealed } from '../../app/status.tsx';
import type { AssignmentRole, DistrictDetail } from '../../app/types.ts';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { AssignmentError } from './AssignmentError.tsx';
import { createAssignment, fetchStaff, staffKey } from './org.api.ts';
import { refreshDistrict } from './refresh.ts';

const ROLES: readonly AssignmentRole[] = ['inspector', 'assistant'];

/** The form, mounted afresh each time the modal opens. */
function AssignForm({ district, onClose }: { district: DistrictDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<AssignmentRole>(district.inspector ? 'assistant' : 'inspector');
  const [staffId, setStaffId] = useState<string | null>(null);
  const [from, setFrom] = useState(todayIso);
  const [to, setTo] = useState('');
  const [checked, setChecked] = useState(false);
  const combobox = useComboboxProps();

  // The district's police unit only: the server refuses staff of another unit.
  const params = { unitId: district.unit.id, position: role, pageSize: 200 };
  const staff = useQuery({ queryKey: staffKey(params), queryFn: ({ signal }) => fetchStaff(params, signal), staleTime: 5 * 60_000 });
  const options = (staff.data?.items ?? []).map((member) => ({
    value: member.id,
    label: member.point ? `${member.fullName} · ${localName(member.point, language)}` : member.fullName,
  }));

  const save = useMutation({
    mutationFn: () => createAssignment({ districtId: district.id, staffId: staffId ?? '', role, from, to: to || null }),
    onSuccess: () => {
      refreshDistrict(queryClient, district.id);
      notifications.show({ color: 'teal', title: t('app.success'), message: t('assignment.created') });
      onClose();
    },
  });

  const errors = {
    staff: staffId ? undefined : t('assignment.staffRequired'),
    from: from ? undefined : t('assignment.fromRequired'),
    to: to && from && to < from ? t('assignment.invalidRange') : undefined,
  };
  const show = (error: string | undefined) => (checked ? error : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!errors.staff && !errors.from && !errors.to && !save.isPending) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="assign-form">
      <Stack gap="sm">
        <Text size="sm" c="gray.8">{t('assignment.intro', { district: localName(district, language) })}</Text>
        {save.isError && <Revealed><AssignmentError error={save.error} /></Revealed>}
        <Radio.Group
          label={t('assignment.role')}
          value={role}
          onChange={(value) => { setRole(value as AssignmentRole); setStaffId(null); save.reset(); }}
        >
          <Group gap="md" mt={4}>
            {ROLES.map((value) => (
              <Radio key={value} value={value} label={t(`assignmentRoles.${value}`)} data-testid={`assign-role-${value}`} />
            ))}
          </Group>
        </Radio.Group>
        {staff.isError && <ErrorAlert error={staff.error} onRetry={() => void staff.refetch()} />}
        <Select
          label={t('assignment.staff')}
          placeholder={staff.isPending ? t('app.loading') : t('assignment.staffPlaceholder')}
          description={t('assignment.staffHint')}
          data={options}
          value={staffId}
          onChange={(value) => { setStaffId(value); save.reset(); }}
          searchable
          clearable
          nothingFoundMessage={t('assignment.staffNone')}
          disabled={staff.isPending}
          error={show(errors.staff)}
          required
          {...combobox}
          comboboxProps={{ withinPortal: true }}
          data-testid="assign-staff"
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            type="date"
            label={t('assignment.from')}
            value={from}
            onChange={(event) => { setFrom(event.currentTarget.value); save.reset(); }}
            error={show(errors.from)}
            required
            data-testid="assign-from"
          />
          <TextInput
            type="date"
            label={t('assignment.to')}
            description={t('assignment.toHint')}
            value={to}
            min={from || undefined}
            onChange={(event) => { setTo(event.currentTarget.value); save.reset(); }}
            error={show(errors.to)}
            data-testid="assign-to"
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>{t('app.cancel')}</Button>
          <Button type="submit" loading={save.isPending} data-testid="assign-submit">{t('assignment.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Assign inspector / assistant": for those whose abilities on the district include `update`. */
export function AssignModal({ district, opened, onClose }: { district: DistrictDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('assignment.assignTitle')} size="lg" closeButtonProps={{ 'aria-label': t('app.close') }}>
      <AssignForm district={district} onClose={onClose} />
    </Modal>
  );
}
