import { Button, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../app/api.ts';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { notifyDone } from './notify.ts';
import { RuleLink } from './RuleRefusal.tsx';
import { PLANNER_ROLES } from './roles.ts';

interface Window { days: number[]; from: string; to: string }
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const key = (districtId: string) => ['districts', districtId, 'preferred-hours'];

/**
 * the hours a district's residents prefer for meetings. Planners record them; the
 * meeting checklist flags a meeting outside them.
 */
export function PreferredHours({ districtId }: { districtId: string }) {
  const { t } = useTranslation('meetings');
  const user = useCurrentUser();
  const canEdit = hasRole(user, PLANNER_ROLES);
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: key(districtId), queryFn: ({ signal }) => api.get<Window[]>(`/districts/${districtId}/preferred-hours`, undefined, signal) });
  const [windows, setWindows] = useState<Window[]>([]);
  useEffect(() => { if (query.data) setWindows(query.data); }, [query.data]);
  const save = useMutation({
    mutationFn: () => request<Window[]>(`/districts/${districtId}/preferred-hours`, { method: 'PUT', body: windows }),
    onSuccess: (saved) => { queryClient.setQueryData(key(districtId), saved); notifyDone(t('hours.saved')); },
  });
  const change = (index: number, patch: Partial<Window>) => setWindows((ws) => ws.map((w, i) => (i === index ? { ...w, ...patch } : w)));

  return (
    <Stack gap="sm" data-testid="preferred-hours">
      <Text size="sm" c="gray.8">{t('hours.hint')} (<RuleLink rule="R-27.2" />)</Text>
      {windows.length === 0 && <Text size="sm">{t('hours.none')}</Text>}
      {windows.map((w, index) => (
        <Paper key={index} withBorder p="sm">
          <Checkbox.Group label={t('hours.days')} value={w.days.map(String)} readOnly={!canEdit}
            onChange={(values) => canEdit && change(index, { days: values.map(Number).sort() })}>
            <Group gap="sm" mt={4}>
              {DAYS.map((d) => <Checkbox key={d} value={String(d)} label={t(`hours.weekday.${d}`)} disabled={!canEdit} />)}
            </Group>
          </Checkbox.Group>
          <Group gap="sm" mt="sm" align="flex-end">
            <TextInput type="time" label={t('hours.from')} value={w.from} readOnly={!canEdit} onChange={(e) => change(index, { from: e.currentTarget.value })} w={130} />
            <TextInput type="time" label={t('hours.to')} value={w.to} readOnly={!canEdit} onChange={(e) => change(index, { to: e.currentTarget.value })} w={130} />
            {canEdit && <Button variant="subtle" color="red.8" onClick={() => setWindows((ws) => ws.filter((_, i) => i !== index))}>{t('hours.remove')}</Button>}
          </Group>
        </Paper>
      ))}
      {canEdit && (
        <Group gap="sm">
          <Button variant="default" onClick={() => setWindows((ws) => [...ws, { days: [1, 2, 3, 4, 5], from: '18:00', to: '20:00' }])} data-testid="hours-add">{t('hours.add')}</Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={windows.some((w) => w.days.length === 0 || !w.from || !w.to)} data-testid="hours-save">{t('hours.save')}</Button>
        </Group>
      )}
      {save.isError && <Text size="sm" c="red.8" role="alert">{save.error.message}</Text>}
    </Stack>
  );
}
