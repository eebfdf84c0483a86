import type { ReactNode } from 'react';
import { useLab, type PaneId } from '../state/labStore.ts';
import { appStrings } from './strings.ts';

/** One of the lab's panes: a titled region that collapses to its title bar. */
export function Pane({ id, title, children, actions }: { id: PaneId; title: string; children: ReactNode; actions?: ReactNode }) {
  const collapsed = useLab((s) => !!s.collapsed[id]);
  const toggle = useLab((s) => s.toggleCollapsed);
  const t = appStrings();
  return (
    <section className={`pane pane-${id}${collapsed ? ' collapsed' : ''}`} aria-label={title} data-pane={id}>
      <header className="pane-head">
        <h2 className="pane-title">{title}</h2>
        <div className="pane-actions">{!collapsed && actions}</div>
        <button type="button" className="icon-btn" aria-expanded={!collapsed} aria-label={t(collapsed ? 'expand' : 'collapse', { pane: title })} title={t(collapsed ? 'expand' : 'collapse', { pane: title })} onClick={() => toggle(id)}>
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
        </button>
      </header>
      {!collapsed && <div className="pane-content">{children}</div>}
    </section>
  );
}
