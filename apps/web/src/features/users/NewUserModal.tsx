import { ROLE_LEVEL, ROLES } from '@esep/domain';
import { Button, Group, Modal, NativeSelect, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { ErrorAlert, Revealed } from '../../app/status.tsx';
import type { Locale, Role, Staff } from '../../app/types.ts';
import { LANGUAGES, type Language } from '../../i18n/index.ts';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchStaff } from '../org/org.api.ts';
import { SearchSelect, type SearchOption } from './SearchSelect.tsx';
import { createUser, fetchTerritories, type TerritoryLevel } from './users.api.ts';

const USERNAME = /^[a-z0-9._-]{3,100}$/;
const MIN_PASSWORD = 10;

/** What binds an account of the role to its territory (R-2.2: inspectors by their assignments). */
type Binding = { kind: 'none' } | { kind: 'territory'; level: TerritoryLevel } | { kind: 'staff'; position: 'inspector' | 'assistant' };

function bindingOf(role: Role): Binding {
  const level = ROLE_LEVEL[role];
  if (level === 'national') return { kind: 'none' };
  if (level === 'districts') return { kind: 'staff', position: role === 'assistant' ? 'assistant' : 'inspector' };
  return { kind: 'territory', level };
}

interface Named { code: string; nameKk: string; nameRu: string }

function territoryLabel(item: Named & { unit?: Named; parent?: Named | null; region?: Named }, level: TerritoryLevel, language: Language): string {
  const name = `${localName(item, language)} (${item.code})`;
  const parent = level === 'point' ? item.unit : level === 'unit' || level === 'atu' ? item.parent ?? item.region : undefined;
  return parent ? `${name} · ${localName(parent, language)}` : name;
}

const staffLabel = (member: Staff, language: Language) =>
  `${member.fullName} (${member.code})${member.point ? ` · ${localName(member.point, language)}` : ''}`;

function NewUserForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('inspector');
  const [locale, setLocale] = useState<Locale>(language);
  const [territoryId, setTerritoryId] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const binding = bindingOf(role);

  const save = useMutation({
    mutationFn: () => createUser({
      username, displayName: displayName.trim(), password, role, locale,
      staffId: binding.kind === 'staff' ? staffId : null,
      territoryId: binding.kind === 'territory' ? territoryId : null,
    }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', title: t('app.success'), message: t('users.created', { username: user.username }) });
      onClose();
    },
  });
  const taken = isApiError(save.error) && save.error.code === 'conflict';
  const usernameRef = useRef<HTMLInputElement>(null);
  // A taken username is said at the field, at the top of the form: go there.
  useEffect(() => { if (taken) usernameRef.current?.focus(); }, [taken]);

  const errors = {
    username: USERNAME.test(username) ? (taken ? t('users.usernameTaken') : undefined) : t('users.usernameInvalid'),
    displayName: displayName.trim() ? undefined : t('users.displayNameRequired'),
    password: password.length >= MIN_PASSWORD ? undefined : t('account.tooShort'),
    territory: binding.kind === 'territory' && !territoryId ? t('users.territoryRequired') : undefined,
    staff: binding.kind === 'staff' && !staffId ? t('users.staffRequired') : undefined,
  };
  const show = (error: string | undefined) => (checked ? error : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const valid = !errors.username && !errors.displayName && !errors.password && !errors.territory && !errors.staff;
    if (valid && !save.isPending) save.mutate();
  };

  const chooseRole = (next: Role) => {
    setRole(next);
    setTerritoryId(null);
    setStaffId(null);
  };

  const searchTerritory = (level: TerritoryLevel) => async (q: string, signal: AbortSignal): Promise<SearchOption[]> => {
    const page = await fetchTerritories(level, q, signal);
    return page.items.map((item) => ({ value: item.id, label: territoryLabel(item, level, language) }));
  };
  const searchStaff = (position: 'inspector' | 'assistant') => async (q: string, signal: AbortSignal): Promise<SearchOption[]> => {
    const page = await fetchStaff({ position, q: q || undefined, pageSize: 50 }, signal);
    return page.items.map((member) => ({ value: member.id, label: staffLabel(member, language) }));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="new-user-form">
      <Stack gap="sm">
        {save.isError && !taken && <Revealed><ErrorAlert error={save.error} /></Revealed>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            ref={usernameRef}
            label={t('account.username')}
            description={t('users.usernameHint')}
            value={username}
            // Logins are lowercase: typed capitals become small letters.
            onChange={(event) => { setUsername(event.currentTarget.value.toLowerCase().trim()); if (taken) save.reset(); }}
            error={show(errors.username) ?? (taken ? errors.username : undefined)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={100}
            required
            data-testid="new-user-username"
          />
          <TextInput
            label={t('account.displayName')}
            description={t('users.displayNameHint')}
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            error={show(errors.displayName)}
            maxLength={200}
            required
            data-testid="new-user-display-name"
          />
        </SimpleGrid>
        <PasswordInput
          label={t('users.password')}
          description={t('users.passwordHint')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={show(errors.password)}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('users.showPassword') }}
          data-testid="new-user-password"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('account.role')}
            value={role}
            onChange={(event) => chooseRole(event.currentTarget.value as Role)}
            data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            required
            data-testid="new-user-role"
          />
          <NativeSelect
            label={t('account.language')}
            value={locale}
            onChange={(event) => setLocale(event.currentTarget.value as Locale)}
            data={LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
            data-testid="new-user-locale"
          />
        </SimpleGrid>
        {binding.kind === 'none' && <Text size="sm" c="gray.8">{t('users.bindingNone')}</Text>}
        {binding.kind === 'territory' && (
          <SearchSelect
            key={binding.level}
            queryKey={['territories', binding.level]}
            search={searchTerritory(binding.level)}
            label={t(`users.territory.${binding.level}`)}
            description={t('users.territoryHint')}
            value={territoryId}
            onChange={setTerritoryId}
            error={show(errors.territory)}
            required
            testId="new-user-territory"
          />
        )}
        {binding.kind === 'staff' && (
          <SearchSelect
            key={binding.position}
            queryKey={['staff-search', binding.position]}
            search={searchStaff(binding.position)}
            label={t('users.staff')}
            description={t('users.staffHint')}
            value={staffId}
            onChange={setStaffId}
            error={show(errors.staff)}
            required
            testId="new-user-staff"
          />
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>{t('app.cancel')}</Button>
          <Button type="submit" loading={save.isPending} data-testid="new-user-submit">{t('users.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "New account": the administrator creates a login and binds it to the role's territory. */
export function NewUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.newTitle')} size="lg" closeButtonProps={{ 'aria-label': t('app.close') }}>
      <NewUserForm onClose={onClose} />
    </Modal>
  );
}
