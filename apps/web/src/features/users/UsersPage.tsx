import { ROLES } from '@esep/domain';
import { Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconId, IconLock, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { lazyComponent } from '../../app/lazy.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { DataTable, TablePager } from '../../app/table.tsx';
import type { Role, User } from '../../app/types.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { fetchUsers, usersKey, type UserListParams } from './users.api.ts';

const NewUserModal = lazyComponent(() => import('./NewUserModal.tsx'), (m) => m.NewUserModal);
const StaffIinModal = lazyComponent(() => import('./StaffIinModal.tsx'), (m) => m.StaffIinModal);

const PAGE_SIZE = 25;
const SORTS = ['username', '-username', 'displayName', '-displayName', 'role', '-role'];

const isRole = (value: string | null): value is Role => value !== null && (ROLES as readonly string[]).includes(value);

/** Page, order and role filter live in the address, so Back and reload keep them. */
function useListParams(): [UserListParams, (changes: Record<string, string | undefined>) => void] {
  const [search, setSearch] = useSearchParams();
  const sort = search.get('sort');
  const role = search.get('role');
  const params: UserListParams = {
    page: Math.max(1, Number(search.get('page')) || 1),
    pageSize: PAGE_SIZE,
    sort: sort && SORTS.includes(sort) ? sort : 'username',
    role: isRole(role) ? role : undefined,
  };
  const update = (changes: Record<string, string | undefined>) => setSearch((current) => {
    const next = new URLSearchParams(current);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value); else next.delete(key);
    }
    return next;
  }, { replace: true });
  return [params, update];
}

/** "Locked until …" while a lock after failed logins lasts. */
function LockState({ user }: { user: User }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!user.lockedUntil) return <Text span c="gray.8">{t('app.none')}</Text>;
  const active = new Date(user.lockedUntil).getTime() > Date.now();
  return (
    <Group gap={6} wrap="nowrap">
      {active && <IconLock size={16} aria-hidden color="var(--mantine-color-red-9)" />}
      <Text span size="sm" c={active ? 'red.9' : 'gray.8'} style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(user.lockedUntil, language)}
      </Text>
    </Group>
  );
}

/** `/users` — the administrator's list of accounts, and new accounts. */
export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('users.title')} — ${t('app.name')}`);
  const [params, update] = useListParams();
  const [creating, create] = useDisclosure(false);
  // only the administrator records a staff member's IIN (PUT /staff/:id/iin).
  const canRecordIin = useCurrentUser().role === 'admin';
  const [iinStaffId, setIinStaffId] = useState<string | null>(null);
  const query = useQuery({
    queryKey: usersKey(params),
    queryFn: ({ signal }) => fetchUsers(params, signal),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const sort = (value: string) => update({ sort: value === 'username' ? undefined : value, page: undefined });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={1}>{t('users.title')}</Title>
        <Button
          leftSection={<IconUserPlus size={16} aria-hidden />}
          onClick={create.open}
          onPointerEnter={NewUserModal.preload}
          onFocus={NewUserModal.preload}
          data-testid="new-user-open"
        >
          {t('users.new')}
        </Button>
      </Group>
      <Paper withBorder p="sm" component="section" aria-labelledby="users-list-title">
        <Title order={2} size="h4" mb="xs" id="users-list-title">{t('users.list')}</Title>
        <Stack gap="sm">
          <NativeSelect
            label={t('users.roleFilter')}
            value={params.role ?? ''}
            onChange={(event) => update({ role: event.currentTarget.value || undefined, page: undefined })}
            data={[{ value: '', label: t('users.allRoles') }, ...ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))]}
            maw={420}
            data-testid="users-role-filter"
          />
          {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
          <DataTable
            label={t('users.list')}
            minWidth={840}
            testId="users-table"
            busy={query.isFetching}
            highlightOnHover
            rows={items}
            rowKey={(user) => user.id}
            sort={params.sort}
            onSort={sort}
            loading={query.isPending}
            empty={query.isSuccess ? t('table.empty') : null}
            columns={[
              { id: 'username', header: t('account.username'), sort: 'username', stack: 'first', cell: (user) => <Text span ff="monospace" size="sm">{user.username}</Text> },
              { id: 'displayName', header: t('account.displayName'), sort: 'displayName', stack: 'title', cell: (user) => user.displayName },
              { id: 'role', header: t('account.role'), sort: 'role', cell: (user) => t(`roles.${user.role}`) },
              { id: 'language', header: t('account.language'), cell: (user) => t(`languages.${user.locale}`) },
              { id: 'locked', header: t('users.lockedUntil'), cell: (user) => <LockState user={user} /> },
              {
                id: 'actions', header: t('users.actions'), hiddenHeader: true, label: false,
                cell: (user) => canRecordIin && user.staffId && (
                  <Button size="compact-sm" variant="default" leftSection={<IconId size={14} aria-hidden />}
                    aria-label={t('users.iin.openLabel', { name: user.displayName })}
                    onClick={() => setIinStaffId(user.staffId)} onPointerEnter={StaffIinModal.preload} onFocus={StaffIinModal.preload}
                    data-testid="staff-iin-open">
                    {t('users.iin.open')}
                  </Button>
                ),
              },
            ]}
          />
          {query.data && (
            <TablePager page={params.page} pageSize={params.pageSize} total={query.data.total}
              onChange={(page) => update({ page: page > 1 ? String(page) : undefined })} />
          )}
        </Stack>
      </Paper>
      <Suspense fallback={null}>
        {creating && <NewUserModal opened={creating} onClose={create.close} />}
        {iinStaffId && <StaffIinModal key={iinStaffId} staffId={iinStaffId} opened onClose={() => setIinStaffId(null)} />}
      </Suspense>
    </Stack>
  );
}
