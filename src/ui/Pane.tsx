import type { ReactNode } from 'react';
import { paneCollapsed, useLab, type PaneId } from '../state/labStore.ts';
import { appStrings } from './strings.ts';
import { Icon } from './Icon.tsx';

/** One of the lab's panes: a titled region that collapses to its title bar. */
export function Pane({ id, title, children, actions }: { id: PaneId; title: string; children: ReactNode; actions?: ReactNode }) {
  const collapsed = useLab((s) => paneCollapsed(s, id));
  const toggle = useLab((s) => s.toggleCollapsed);
  const active = useLab((s) => s.activePane === id);
  const t = appStrings();
  return (
    <section className={`pane pane-${id}${collapsed ? ' collapsed' : ''}`} aria-label={title} data-pane={id} data-active={active}>
      <header className="pane-head">
        <h2 className="pane-title">{title}</h2>
        <div className="pane-actions">{!collapsed && actions}</div>
        <button type="button" className="icon-btn" aria-expanded={!collapsed} aria-label={t(collapsed ? 'expand' : 'collapse', { pane: title })} title={t(collapsed ? 'expand' : 'collapse', { pane: title })} onClick={() => toggle(id)}>
          <Icon name={collapsed ? 'chevronRight' : 'chevronDown'} />
        </button>
      </header>
      {!collapsed && <div className="pane-content">{children}</div>}
    </section>
  );
}

const PANES: PaneId[] = ['editor', 'view', 'inspector', 'terminal'];
const TITLE_KEY = { editor: 'editor', view: 'cluster', inspector: 'inspector', terminal: 'terminal' } as const;

/** In a narrow window, tabs choose the one pane shown (CSS hides the tabs otherwise). */
export function PaneTabs() {
  const active = useLab((s) => s.activePane);
  const setActive = useLab((s) => s.setActivePane);
  const t = appStrings();
  return (
    <div className="pane-tabs" role="tablist" aria-label={t('tabs')}>
      {PANES.map((p) => (
        <button key={p} type="button" role="tab" className="text-btn" aria-selected={active === p} onClick={() => setActive(p)}>
          {t(TITLE_KEY[p])}
        </button>
      ))}
    </div>
  );
}
