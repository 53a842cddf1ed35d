import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconMapPin, IconTable } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { OrgTree as Tree } from '../../app/types.ts';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

/** Up to this many districts the whole tree starts expanded. */
const EXPAND_ALL_LIMIT = 40;

interface Named { id: string; code: string; nameKk: string; nameRu: string }

function containerIds(tree: Tree): string[] {
  return tree.regions.flatMap((r) => [r.id, ...r.units.flatMap((u) => [u.id, ...u.points.map((p) => p.id)])]);
}

/** What starts open: everything in a small territory, otherwise the chain of single children. */
function initiallyOpen(tree: Tree): Set<string> {
  const districts = tree.regions.flatMap((r) => r.units.flatMap((u) => u.points.flatMap((p) => p.districts))).length;
  if (districts <= EXPAND_ALL_LIMIT) return new Set(containerIds(tree));
  const open = new Set<string>();
  const region = tree.regions.length === 1 ? tree.regions[0] : undefined;
  if (region) {
    open.add(region.id);
    const unit = region.units.length === 1 ? region.units[0] : undefined;
    if (unit) {
      open.add(unit.id);
      if (unit.points.length === 1 && unit.points[0]) open.add(unit.points[0].id);
    }
  }
  return open;
}

function Label({ node }: { node: Named }) {
  const language = useLanguage();
  return (
    <span>
      {localName(node, language)} <span className="org-tree-code">{node.code}</span>
    </span>
  );
}

function Branch({ node, open, onToggle, extra, children }: {
  node: Named; open: boolean; onToggle: (id: string) => void; extra?: ReactNode; children: () => ReactNode;
}) {
  const listId = `tree-${node.id}`;
  return (
    <li>
      <div className="org-tree-row">
        <button
          type="button"
          className="org-tree-node org-tree-toggle"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          onClick={() => onToggle(node.id)}
        >
          {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          <Label node={node} />
        </button>
        {extra}
      </div>
      {open && <ul id={listId}>{children()}</ul>}
    </li>
  );
}

/**
 * Regions → police units → district police points → administrative districts. Containers
 * open and close; a district is a link to its page. Closed branches are not rendered, so a
 * national tree of thousands of districts stays light.
 */
export function OrgTree({ tree }: { tree: Tree }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => initiallyOpen(tree));
  const all = useMemo(() => containerIds(tree), [tree]);
  const toggle = (id: string) => setOpen((current) => {
    const next = new Set(current);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  if (tree.regions.length === 0) return <Text c="gray.8">{t('org.treeEmpty')}</Text>;

  return (
    <div>
      <Group gap="xs" mb="xs">
        <Button size="compact-sm" variant="default" onClick={() => setOpen(new Set(all))}>{t('org.expandAll')}</Button>
        <Button size="compact-sm" variant="default" onClick={() => setOpen(new Set())}>{t('org.collapseAll')}</Button>
      </Group>
      <div className="org-tree-scroll">
        <ul className="org-tree" data-testid="org-tree" aria-label={t('org.tree')}>
          {tree.regions.map((region) => (
            <Branch key={region.id} node={region} open={open.has(region.id)} onToggle={toggle}>
              {() => region.units.map((unit) => (
                <Branch
                  key={unit.id}
                  node={unit}
                  open={open.has(unit.id)}
                  onToggle={toggle}
                  extra={<FilterButton param="unitId" node={unit} />}
                >
                  {() => unit.points.map((point) => (
                    <Branch
                      key={point.id}
                      node={point}
                      open={open.has(point.id)}
                      onToggle={toggle}
                      extra={<FilterButton param="pointId" node={point} />}
                    >
                      {() => point.districts.map((district) => (
                        <li key={district.id}>
                          <Link className="org-tree-node" to={`/districts/${district.id}`} data-testid="org-tree-district">
                            <IconMapPin size={16} aria-hidden />
                            <Label node={district} />
                          </Link>
                        </li>
                      ))}
                    </Branch>
                  ))}
                </Branch>
              ))}
            </Branch>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** "Show its districts": filters the districts table beside the tree to a unit or a point. */
function FilterButton({ param, node }: { param: 'unitId' | 'pointId'; node: Named }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const label = `${t('district.showInTable')}: ${localName(node, language)}`;
  return (
    <Tooltip label={label} openDelay={400}>
      <ActionIcon
        variant="subtle"
        size="md"
        aria-label={label}
        onClick={() => void navigate(`/org?${param}=${encodeURIComponent(node.id)}`)}
      >
        <IconTable size={16} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
