import { ROLES } from '@esep/domain';
import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconId, IconLock, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { lazyComponent } from '../../app/lazy.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { SortableTh, TableMessageRow, TablePager, TableScroll } from '../../app/table.tsx';
import type { Role, User } from '../../app/types.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { fetchUsers, usersKey, type UserListParams } from './users.api.ts';

const NewUserModal = lazyComponent(() => import('./NewUserModal.tsx'), (m) => m.NewUserModal);
const StaffIinModal = lazyComponent(() => import('./StaffIinModal.tsx'), (m) => m.StaffIinModal);

const PAGE_SIZE = 25;
const COLUMNS = 6;
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
          <TableScroll label={t('users.list')} minWidth={840}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="users-table" aria-busy={query.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="username" sort={params.sort} onSort={sort}>{t('account.username')}</SortableTh>
                  <SortableTh field="displayName" sort={params.sort} onSort={sort}>{t('account.displayName')}</SortableTh>
                  <SortableTh field="role" sort={params.sort} onSort={sort}>{t('account.role')}</SortableTh>
                  <Table.Th>{t('account.language')}</Table.Th>
                  <Table.Th>{t('users.lockedUntil')}</Table.Th>
                  <Table.Th><VisuallyHidden>{t('users.actions')}</VisuallyHidden></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending && <TableMessageRow colSpan={COLUMNS}>{t('table.loading')}</TableMessageRow>}
                {query.isSuccess && items.length === 0 && <TableMessageRow colSpan={COLUMNS}>{t('table.empty')}</TableMessageRow>}
                {items.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td><Text span ff="monospace" size="sm">{user.username}</Text></Table.Td>
                    <Table.Td>{user.displayName}</Table.Td>
                    <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                    <Table.Td>{t(`languages.${user.locale}`)}</Table.Td>
                    <Table.Td><LockState user={user} /></Table.Td>
                    <Table.Td>
                      {canRecordIin && user.staffId && (
                        <Button size="compact-sm" variant="default" leftSection={<IconId size={14} aria-hidden />}
                          aria-label={t('users.iin.openLabel', { name: user.displayName })}
                          onClick={() => setIinStaffId(user.staffId)} onPointerEnter={StaffIinModal.preload} onFocus={StaffIinModal.preload}
                          data-testid="staff-iin-open">
                          {t('users.iin.open')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
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
