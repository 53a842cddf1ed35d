import { Badge, Button, Checkbox, Group, Modal, NativeSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useComboboxProps } from '../../app/combobox.ts';
import { ErrorAlert, Revealed } from '../../app/status.tsx';
import { DataTable, TablePager } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchOrgTree, orgKeys } from '../org/org.api.ts';
import { notifyDone } from '../meetings/notify.ts';
import { RefusalAlert } from '../meetings/RuleRefusal.tsx';
import { badgeStyles } from '../meetings/StatusBadge.tsx';
import {
  createStateBody, fetchStateBodies, fetchTopics, followupKeys, updateStateBody, type StateBody, type Topic,
} from '../followup/followup.api.ts';
import { topicName } from '../followup/topics.ts';
import { adminKeys, fetchAtus } from './admin.api.ts';
import { PALETTE } from '../../app/design.ts';

const PAGE_SIZE = 20;

function useTerritoryNames() {
  const language = useLanguage();
  const tree = useQuery({ queryKey: orgKeys.tree, queryFn: ({ signal }) => fetchOrgTree(signal), staleTime: 5 * 60_000 });
  const atus = useQuery({ queryKey: adminKeys.atus, queryFn: ({ signal }) => fetchAtus(signal), staleTime: 5 * 60_000 });
  return useMemo(() => {
    const regions = (tree.data?.regions ?? []).map((r) => ({ id: r.id, name: localName(r, language) }));
    const atuList = (atus.data?.items ?? []).map((a) => ({ id: a.id, regionId: a.region.id, name: localName(a, language) }));
    const names = new Map<string, string>([...regions, ...atuList].map((x) => [x.id, x.name]));
    return { regions, atus: atuList, names };
  }, [tree.data, atus.data, language]);
}

function BodyForm({ body, topics, onClose }: { body: StateBody | null; topics: Topic[]; onClose: () => void }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const territory = useTerritoryNames();
  const combobox = useComboboxProps();
  const [code, setCode] = useState(body?.code ?? '');
  const [nameKk, setNameKk] = useState(body?.nameKk ?? '');
  const [nameRu, setNameRu] = useState(body?.nameRu ?? '');
  const [chosen, setChosen] = useState<string[]>(body?.topics ?? []);
  const [regionId, setRegionId] = useState(body?.regionId ?? '');
  const [atuId, setAtuId] = useState<string | null>(body?.atuId ?? null);
  const [contact, setContact] = useState(body?.contact ?? '');
  const [active, setActive] = useState(body?.active ?? true);
  const [tried, setTried] = useState(false);
  const missing = { code: !code.trim(), nameKk: !nameKk.trim(), nameRu: !nameRu.trim(), topics: chosen.length === 0 };
  const save = useMutation({
    mutationFn: () => {
      const input = {
        code: code.trim(), nameKk: nameKk.trim(), nameRu: nameRu.trim(), topics: chosen,
        regionId: regionId || null, atuId: atuId || null, contact: contact.trim() || null, active,
      };
      return body ? updateStateBody(body.id, input) : createStateBody(input);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: followupKeys.allBodies });
      notifyDone(t('bodies.saved', { name: localName(saved, language) }));
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!Object.values(missing).some(Boolean)) save.mutate();
  };
  const required = (field: keyof typeof missing) => (tried && missing[field] ? t('bodies.required') : undefined);
  const atuOptions = territory.atus.filter((a) => !regionId || a.regionId === regionId).map((a) => ({ value: a.id, label: a.name }));

  return (
    <form onSubmit={submit} noValidate data-testid="body-form">
      <Stack gap="sm">
        {save.isError && <Revealed><RefusalAlert error={save.error} testId="body-error" /></Revealed>}
        <TextInput label={t('bodies.code')} description={t('bodies.codeHint')} value={code} onChange={(e) => setCode(e.currentTarget.value)}
          required maxLength={60} error={required('code')} data-testid="body-code" />
        <TextInput label={t('bodies.nameKk')} lang="kk" value={nameKk} onChange={(e) => setNameKk(e.currentTarget.value)}
          required maxLength={500} error={required('nameKk')} data-testid="body-name-kk" />
        <TextInput label={t('bodies.nameRu')} lang="ru" value={nameRu} onChange={(e) => setNameRu(e.currentTarget.value)}
          required maxLength={500} error={required('nameRu')} data-testid="body-name-ru" />
        <Checkbox.Group label={t('bodies.topics')} description={t('bodies.topicsHint')} value={chosen} onChange={setChosen}
          required error={required('topics')} data-testid="body-topics">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} mt={6}>
            {topics.map((topic) => <Checkbox key={topic.code} value={topic.code} label={topicName(topic, language)} data-testid={`body-topic-${topic.code}`} />)}
          </SimpleGrid>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect label={t('bodies.region')} value={regionId}
            onChange={(e) => { setRegionId(e.currentTarget.value); setAtuId(null); }}
            data={[{ value: '', label: t('bodies.anyRegion') }, ...territory.regions.map((r) => ({ value: r.id, label: r.name }))]}
            data-testid="body-region" />
          <Select label={t('bodies.atu')} placeholder={t('bodies.anyAtu')} data={atuOptions} value={atuId} onChange={setAtuId}
            searchable clearable nothingFoundMessage={t('bodies.noAtu')} {...combobox} comboboxProps={{ withinPortal: true }} data-testid="body-atu" />
        </SimpleGrid>
        <Textarea label={t('bodies.contact')} value={contact} onChange={(e) => setContact(e.currentTarget.value)} autosize minRows={2} maxLength={500} data-testid="body-contact" />
        <Checkbox label={t('bodies.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} data-testid="body-active" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={save.isPending} data-testid="body-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * the directory of state bodies items outside police competence are forwarded to —
 * names in Kazakh and Russian, the item topics each is competent for, territory and contact.
 */
export function StateBodiesPanel() {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const territory = useTerritoryNames();
  const bodies = useQuery({ queryKey: followupKeys.bodies('all'), queryFn: ({ signal }) => fetchStateBodies({ includeInactive: true }, signal) });
  const topics = useQuery({ queryKey: followupKeys.topics, queryFn: ({ signal }) => fetchTopics(signal), staleTime: 5 * 60_000 });
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<string>('name');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<StateBody | 'new' | null>(null);
  const topicByCode = new Map((topics.data ?? []).map((tp) => [tp.code, tp]));
  const label = (code: string) => { const tp = topicByCode.get(code); return tp ? topicName(tp, language) : code; };

  const rows = useMemo(() => {
    const q = search.trim().toLocaleLowerCase();
    const filtered = (bodies.data ?? []).filter((b) => !q || [b.code, b.nameKk, b.nameRu, b.contact ?? ''].some((s) => s.toLocaleLowerCase().includes(q)));
    const key = (b: StateBody) => (sort.endsWith('code') ? b.code : localName(b, language));
    const sorted = [...filtered].sort((a, b) => key(a).localeCompare(key(b), language));
    return sort.startsWith('-') ? sorted.reverse() : sorted;
  }, [bodies.data, search, sort, language]);
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <Stack gap="sm" data-testid="admin-bodies">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <TextInput label={t('bodies.search')} leftSection={<IconSearch size={16} aria-hidden />} value={search}
          onChange={(e) => { setSearch(e.currentTarget.value); setPage(1); }} maw={360} style={{ flex: 1 }} data-testid="bodies-search" />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} disabled={!topics.data} data-testid="body-add">
          {t('bodies.add')}
        </Button>
      </Group>
      {bodies.isError && <ErrorAlert error={bodies.error} onRetry={() => void bodies.refetch()} />}
      <DataTable
        label={t('bodies.title')}
        minWidth={820}
        testId="bodies-table"
        rows={shown}
        rowKey={(b) => b.id}
        rowProps={(b) => ({ 'data-testid': 'body-row', 'data-code': b.code })}
        sort={sort}
        onSort={setSort}
        loading={bodies.isPending}
        loadingText={t('common.loading')}
        empty={bodies.data ? t('bodies.none') : null}
        columns={[
          { id: 'code', header: t('bodies.code'), sort: 'code', stack: 'first', cell: (b) => <Text size="sm" ff="monospace">{b.code}</Text> },
          {
            id: 'name', header: t('bodies.name'), sort: 'name', stack: 'title',
            cell: (b) => (
              <>
                <Text size="sm" fw={600}>{localName(b, language)}</Text>
                {!b.active && <Badge color={PALETTE.neutral} tt="none" styles={badgeStyles}>{t('bodies.inactive')}</Badge>}
              </>
            ),
          },
          {
            id: 'topics', header: t('bodies.topics'),
            cell: (b) => <Group gap={4}>{b.topics.map((code) => <Badge key={code} variant="outline" color={PALETTE.info} tt="none" styles={badgeStyles}>{label(code)}</Badge>)}</Group>,
          },
          {
            id: 'territory', header: t('bodies.territory'),
            cell: (b) => <Text size="sm">{[b.regionId, b.atuId].filter(Boolean).map((id) => territory.names.get(id!) ?? '…').join(' · ') || t('bodies.everywhere')}</Text>,
          },
          { id: 'contact', header: t('bodies.contact'), cell: (b) => <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{b.contact ?? '—'}</Text> },
          {
            id: 'actions', header: t('bodies.actions'), label: false,
            cell: (b) => (
              <Button size="compact-sm" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(b)}
                aria-label={`${t('bodies.edit')}: ${localName(b, language)}`} data-testid="body-edit">
                {t('bodies.edit')}
              </Button>
            ),
          },
        ]}
      />
      <TablePager page={page} pageSize={PAGE_SIZE} total={rows.length} onChange={setPage} />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} size="lg"
        title={editing === 'new' ? t('bodies.addTitle') : t('bodies.editTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {editing !== null && topics.data && (
          <BodyForm key={editing === 'new' ? 'new' : editing.id} body={editing === 'new' ? null : editing} topics={topics.data} onClose={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
