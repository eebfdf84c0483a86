// The cluster as a WAI-ARIA tree: the same model as the drawing, for keyboard and
// screen-reader users (and anyone who prefers text). One roving tab stop; arrows move,
// Right/Left open and close, Enter or Space selects.

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLab } from '../../state/labStore.ts';
import type { ClusterSnapshot } from '../../state/snapshot.ts';
import { translator, type Translate } from '../i18n.ts';
import { comparePods, isVisible, orderedContainers, currentInit } from './layout.ts';
import { containerStatus, ICONS, podStatus, type Status } from './status.ts';
import { viewTable, type ViewKey } from './strings.ts';

export interface TreeItem {
  id: string;
  /** What selecting the item selects in the store; group headings select nothing. */
  key: string | undefined;
  label: string;
  detail: string;
  status: Status | undefined;
  children: TreeItem[];
}

export function buildTree(snap: ClusterSnapshot, showSystem: boolean, t: Translate<ViewKey>): TreeItem[] {
  const pods = snap.pods.filter((p) => isVisible(p.namespace, showSystem)).sort(comparePods);
  const podItem = (parent: string) => (p: (typeof pods)[number]): TreeItem => {
    const cur = currentInit(p);
    return {
      id: `${parent}/${p.key}`,
      key: p.key,
      label: p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`,
      detail: `${p.status} · ${p.ready} · ${t('restartsShort', { n: p.restarts })}`,
      status: podStatus(p),
      children: orderedContainers(p).map((c) => {
        const role = c.role === 'init' ? t('roleInit') : c.role === 'sidecar' ? t('roleSidecar') : t('roleApp');
        const reason = c.reason && c.reason !== 'Running' ? ` (${c.reason})` : '';
        return {
          id: `${parent}/${p.key}#${c.name}`,
          key: `${p.key}#${c.name}`,
          label: c.name,
          detail: `${role} · ${t(`phase_${c.phase}`)}${reason}${c.name === cur ? ` · ${t('current')}` : ''}${c.restarts ? ` · ${t('restartsShort', { n: c.restarts })}` : ''}`,
          status: containerStatus(c),
          children: [],
        };
      }),
    };
  };
  const nodeNames = new Set(snap.nodes.map((n) => n.name));
  const nodes: TreeItem[] = snap.nodes.map((n) => {
    const mine = pods.filter((p) => p.node === n.name);
    return {
      id: n.key,
      key: n.key,
      label: n.name,
      detail: `${n.status}${n.roles !== '<none>' ? ` · ${n.roles}` : ''} · ${t('podCount', { n: mine.length })}`,
      status: n.ready ? (n.unschedulable ? 'waiting' : 'ready') : 'failed',
      children: mine.map(podItem(n.key)),
    };
  });
  const pending = pods.filter((p) => !p.node || !nodeNames.has(p.node));
  if (pending.length) nodes.push({ id: 'pending', key: undefined, label: t('pending'), detail: t('podCount', { n: pending.length }), status: 'waiting', children: pending.map(podItem('pending')) });

  const podByKey = new Map(snap.pods.map((p) => [p.key, p]));
  const services: TreeItem[] = snap.services
    .filter((s) => isVisible(s.namespace, showSystem))
    .map((s) => {
      const ready = s.endpoints.filter((e) => e.ready).length;
      return {
        id: s.key,
        key: s.key,
        label: s.namespace === 'default' ? s.name : `${s.namespace}/${s.name}`,
        detail: `${s.type} ${s.clusterIP} · ${s.ports} · ${s.endpoints.length ? t('serviceMeta', { ready, total: s.endpoints.length }) : t('noEndpoints')}`,
        status: s.endpoints.length === 0 ? 'waiting' : ready === s.endpoints.length ? 'ready' : ready === 0 ? 'failed' : 'running',
        children: s.endpoints.map((e) => {
          const name = podByKey.get(e.pod)?.name ?? e.pod.split('/').at(-1) ?? e.pod;
          return { id: `${s.key}>${e.pod}`, key: e.pod, label: name, detail: t(e.ready ? 'endpointReady' : 'endpointNotReady'), status: e.ready ? 'ready' : 'failed', children: [] };
        }),
      };
    });

  const storage: TreeItem[] = snap.storage
    .filter((s) => (s.kind === 'PersistentVolumeClaim' ? isVisible(s.namespace, showSystem) : !s.boundTo || isVisible(s.boundTo.split('/')[0], showSystem)))
    .map((s) => ({
      id: s.key,
      key: s.key,
      label: `${s.kind === 'PersistentVolumeClaim' ? 'PVC' : 'PV'} ${s.name}`,
      detail: `${s.phase}${s.capacity ? ` · ${s.capacity}` : ''}${s.boundTo ? ` → ${s.boundTo}` : ''}`,
      status: s.phase === 'Bound' ? 'ready' : s.phase === 'Pending' || s.phase === 'Available' ? 'waiting' : 'failed',
      children: [],
    }));

  const out: TreeItem[] = [{ id: 'nodes', key: undefined, label: t('nodes'), detail: String(snap.nodes.length), status: undefined, children: nodes }];
  out.push({ id: 'services', key: undefined, label: t('services'), detail: String(services.length), status: undefined, children: services });
  if (storage.length) out.push({ id: 'storage', key: undefined, label: t('storage'), detail: String(storage.length), status: undefined, children: storage });
  return out;
}

interface Flat {
  item: TreeItem;
  level: number;
  parent: string | undefined;
}

function flatten(items: TreeItem[], open: (item: TreeItem, level: number) => boolean, level = 1, parent: string | undefined = undefined, out: Flat[] = []): Flat[] {
  for (const item of items) {
    out.push({ item, level, parent });
    if (item.children.length && open(item, level)) flatten(item.children, open, level + 1, item.id, out);
  }
  return out;
}

function Icon({ status }: { status: Status }) {
  const ic = ICONS[status];
  return (
    <svg className={`cv-tree-icon st-${status}`} width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true">
      <path className={`cv-icon ${ic.stroke ? 'is-stroke' : 'is-fill'}`} d={ic.d} />
    </svg>
  );
}

export function ClusterTree() {
  const snapshot = useLab((s) => s.snapshot);
  const showSystem = useLab((s) => s.showSystem);
  const selected = useLab((s) => s.selected);
  const select = useLab((s) => s.select);
  const lang = useLab((s) => s.lang);
  const t = useMemo(() => translator(viewTable, lang), [lang]);
  const items = useMemo(() => buildTree(snapshot, showSystem, t), [snapshot, showSystem, t]);
  // Headings and nodes start open, pods closed: the tree starts short but shows where pods run.
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  const isOpen = (item: TreeItem, level: number) => overrides[item.id] ?? level <= 2;
  const flat = flatten(items, isOpen);
  const [focusId, setFocusId] = useState<string | undefined>(undefined);
  const current = flat.find((f) => f.item.id === focusId) ?? flat[0];
  const refs = useRef(new Map<string, HTMLLIElement>());
  const wantFocus = useRef(false);

  useEffect(() => {
    if (!wantFocus.current || !current) return;
    wantFocus.current = false;
    refs.current.get(current.item.id)?.focus();
  });

  const move = (id: string | undefined) => {
    if (!id) return;
    wantFocus.current = true;
    setFocusId(id);
  };

  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!current) return;
    const i = flat.indexOf(current);
    const { item, level, parent } = current;
    const open = item.children.length > 0 && isOpen(item, level);
    switch (e.key) {
      case 'ArrowDown':
        move(flat[i + 1]?.item.id);
        break;
      case 'ArrowUp':
        move(flat[i - 1]?.item.id);
        break;
      case 'Home':
        move(flat[0]?.item.id);
        break;
      case 'End':
        move(flat.at(-1)?.item.id);
        break;
      case 'ArrowRight':
        if (!item.children.length) return;
        if (open) move(item.children[0]?.id);
        else setOverrides({ ...overrides, [item.id]: true });
        break;
      case 'ArrowLeft':
        if (open) setOverrides({ ...overrides, [item.id]: false });
        else move(parent);
        break;
      case 'Enter':
      case ' ':
        if (item.key) select(item.key);
        else if (item.children.length) setOverrides({ ...overrides, [item.id]: !open });
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const render = (list: TreeItem[], level: number) =>
    list.map((item) => {
      const hasKids = item.children.length > 0;
      const open = hasKids && isOpen(item, level);
      const label = `${item.label}, ${item.detail}`;
      return (
        <li
          key={item.id}
          ref={(n) => {
            if (n) refs.current.set(item.id, n);
            else refs.current.delete(item.id);
          }}
          role="treeitem"
          aria-level={level}
          aria-expanded={hasKids ? open : undefined}
          aria-selected={!!item.key && item.key === selected}
          aria-label={label}
          tabIndex={current?.item.id === item.id ? 0 : -1}
          onClick={(e) => {
            e.stopPropagation();
            setFocusId(item.id);
            if (item.key) select(item.key);
            else if (hasKids) setOverrides({ ...overrides, [item.id]: !open });
          }}
        >
          <div className="cv-tree-row" style={{ paddingLeft: `${(level - 1) * 16 + 4}px` }}>
            <span
              className="cv-tree-twisty"
              aria-hidden="true"
              onClick={(e) => {
                if (!hasKids) return;
                e.stopPropagation();
                setFocusId(item.id);
                setOverrides({ ...overrides, [item.id]: !open });
              }}
            >
              {hasKids ? (open ? '▾' : '▸') : ''}
            </span>
            {item.status && <Icon status={item.status} />}
            <span className={level === 1 ? 'cv-tree-heading' : 'cv-tree-label'}>{item.label}</span>
            <span className="cv-tree-detail">{item.detail}</span>
          </div>
          {open && (
            <ul role="group">
              {render(item.children, level + 1)}
            </ul>
          )}
        </li>
      );
    });

  return (
    <ul className="cv-tree" role="tree" aria-label={t('tree')} onKeyDown={onKey}>
      {render(items, 1)}
    </ul>
  );
}
