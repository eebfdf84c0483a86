import { lazy, Suspense, useMemo, useState } from 'react';
import { currentDriver, useLab } from '../state/labStore.ts';
import { pageHistory } from '../state/history.ts';
import { containerLogs, describeObject, objectYaml, splitSelection } from '../state/inspect.ts';
import { parseKey, type EventView } from '../state/snapshot.ts';
import { appStrings } from './strings.ts';
import { whyFor } from './why.ts';
import { clockTime } from './format.ts';
import { Faults } from './Faults.tsx';

// The charts' code (d3 scales, axes, shapes) loads when first shown; their history is
// recorded from the start so the first look already shows the minutes before.
pageHistory(useLab, () => currentDriver().cluster);
const LazyCharts = lazy(() => import('./charts/ChartsPanel.tsx').then((m) => ({ default: m.ChartsPanel })));
function ChartsPanel() {
  return (
    <Suspense fallback={<p className="muted">…</p>}>
      <LazyCharts />
    </Suspense>
  );
}

type Tab = 'describe' | 'yaml' | 'events' | 'logs' | 'charts';

function EventList({ objectKey }: { objectKey: string }) {
  const all = useLab((s) => s.snapshot.events);
  const lang = useLab((s) => s.lang);
  const epoch = useLab((s) => s.epoch);
  const t = appStrings();
  const events = useMemo(() => all.filter((e: EventView) => e.object === objectKey), [all, objectKey]);
  if (!events.length) return <p className="muted">{t('noEvents')}</p>;
  return (
    <ol className="event-list">
      {events.map((e, i) => (
        <li key={i} className={e.type === 'Warning' ? 'warning' : ''}>
          <div className="event-head">
            <span className="event-type">{e.type === 'Warning' ? '⚠' : '•'}</span>
            <strong>{e.reason}</strong>
            {e.count > 1 && <span className="muted">×{e.count}</span>}
            <time className="muted">{clockTime(epoch, e.at)}</time>
          </div>
          <div className="event-msg">{e.message}</div>
          {whyFor(e.reason, lang) && <div className="event-why">{whyFor(e.reason, lang)}</div>}
        </li>
      ))}
    </ol>
  );
}

export function Inspector() {
  const selected = useLab((s) => s.selected);
  const version = useLab((s) => s.snapshot.version);
  const second = useLab((s) => Math.floor(s.now / 1000));
  const pod = useLab((s) => (selected ? s.snapshot.pods.find((p) => p.key === splitSelection(selected).key) : undefined));
  const submit = useLab((s) => s.submit);
  const [tab, setTab] = useState<Tab>('describe');
  const [container, setContainer] = useState<string>('');
  const t = appStrings();

  const sel = selected ? splitSelection(selected) : undefined;
  const isPod = sel ? parseKey(sel.key).kind === 'Pod' : false;
  const activeContainer = sel?.container ?? (pod?.containers.some((c) => c.name === container) ? container : pod?.containers.find((c) => c.role !== 'init')?.name);
  const activeTab: Tab = tab === 'logs' && !isPod ? 'describe' : tab;

  const text = useMemo(() => {
    void version;
    void second;
    if (!sel) return '';
    const d = currentDriver();
    if (activeTab === 'describe') return describeObject(d, sel.key);
    if (activeTab === 'yaml') return objectYaml(d, sel.key);
    if (activeTab === 'logs' && activeContainer) return containerLogs(d, sel.key, activeContainer);
    return '';
  }, [sel?.key, activeTab, activeContainer, version, second]);

  if (!sel) {
    // Nothing selected: the charts of the most recently changed Deployment, with a hint.
    return (
      <div className="inspector">
        <p className="inspector-hint muted">{t('nothingSelected')}</p>
        <div className="inspector-charts">
          <ChartsPanel />
        </div>
      </div>
    );
  }
  const { kind, name, namespace } = parseKey(sel.key);
  const tabs: Tab[] = isPod ? ['describe', 'yaml', 'events', 'logs', 'charts'] : ['describe', 'yaml', 'events', 'charts'];
  return (
    <div className="inspector">
      <div className="inspector-title">
        <span className="kind">{kind}</span>
        <span className="name">{name}</span>
        {namespace && namespace !== 'default' && <span className="muted">{namespace}</span>}
      </div>
      <Faults selection={sel.key} container={sel.container ?? (activeTab === 'logs' ? activeContainer : undefined)} />
      <div role="tablist" className="inspector-tabs" aria-label={t('inspector')}>
        {tabs.map((k) => (
          <button key={k} role="tab" type="button" id={`insp-tab-${k}`} aria-controls="insp-panel" aria-selected={activeTab === k} tabIndex={activeTab === k ? 0 : -1} onClick={() => setTab(k)}
            onKeyDown={(e) => {
              const i = tabs.indexOf(k);
              const to = { ArrowRight: i + 1, ArrowLeft: i + tabs.length - 1, Home: 0, End: tabs.length - 1 }[e.key];
              if (to === undefined) return;
              e.preventDefault();
              const next = tabs[to % tabs.length]!;
              setTab(next);
              document.getElementById(`insp-tab-${next}`)?.focus();
            }}>
            {t(k)}
          </button>
        ))}
      </div>
      <div className="inspector-panel" role="tabpanel" id="insp-panel" aria-labelledby={`insp-tab-${activeTab}`} tabIndex={activeTab === 'logs' ? -1 : 0}>
        {activeTab === 'logs' && pod && (
          <div className="logs-bar">
            <label>
              {t('container')}{' '}
              <select value={activeContainer ?? ''} onChange={(e) => setContainer(e.target.value)} disabled={!!sel.container}>
                {pod.containers.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            {activeContainer && (
              <button type="button" className="text-btn" onClick={() => submit(`kubectl exec -it ${name}${namespace && namespace !== 'default' ? ` -n ${namespace}` : ''} -c ${activeContainer} -- sh`)}>
                {t('openShell')}
              </button>
            )}
          </div>
        )}
        {activeTab === 'charts' ? (
          <div className="inspector-charts">
            <ChartsPanel />
          </div>
        ) : activeTab === 'events' ? <EventList objectKey={sel.key} /> : <pre className="inspector-text" aria-label={`${t(activeTab)}: ${name}`}>{text || (activeTab === 'logs' ? t('noLogs') : '')}</pre>}
      </div>
    </div>
  );
}
