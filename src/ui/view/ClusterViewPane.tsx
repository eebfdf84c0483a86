// The cluster pane: a toolbar, and either the d3 drawing or its text twin (the tree).
// The d3 view is imperative; this wrapper only creates it, feeds it and destroys it.

import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { currentDriver, useLab } from '../../state/labStore.ts';
import { parseKey } from '../../state/snapshot.ts';
import { translator } from '../i18n.ts';
import { createClusterView, type ClusterView } from './clusterView.ts';
import { isVisible } from './layout.ts';
import { Legend } from './Legend.tsx';
import { createParticles } from './particles.ts';
import { createTrafficFeed, type TrafficFeed } from './trafficFeed.ts';
import { viewStrings, viewTable } from './strings.ts';
import { MOTION_QUERY, useReducedMotion } from '../useReducedMotion.ts';
import './view.css';

// The control plane walk loads when first opened.
const ControlPlaneWalk = lazy(() => import('../controlplane/ControlPlaneWalk.tsx'));
// The text view is a mode of its own: it loads when first shown, apart from the first paint.
const ClusterTree = lazy(() => import('./ClusterTree.tsx').then((m) => ({ default: m.ClusterTree })));

function openShell(podKey: string, container: string): void {
  const { namespace, name } = parseKey(podKey);
  const s = useLab.getState();
  s.select(`${podKey}#${container}`);
  s.submit(`kubectl exec -it ${name}${namespace && namespace !== 'default' ? ` -n ${namespace}` : ''} -c ${container} -- sh`);
}

function Drawing() {
  const snapshot = useLab((s) => s.snapshot);
  const selected = useLab((s) => s.selected);
  const showSystem = useLab((s) => s.showSystem);
  const theme = useLab((s) => s.theme);
  const lang = useLab((s) => s.lang);
  // While a saved lab is being restored the cluster on screen is a fresh one: "no pods yet" would be wrong.
  const empty = useLab((s) => s.working?.kind !== 'restore' && !s.snapshot.pods.some((p) => isVisible(p.namespace, s.showSystem)));
  const reducedMotion = useReducedMotion();
  const t = useMemo(() => translator(viewTable, lang), [lang]);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<ClusterView | undefined>(undefined);
  const legend = useRef<HTMLDivElement>(null);
  const live = useRef<HTMLDivElement>(null);
  const feed = useRef<TrafficFeed | undefined>(undefined);

  useEffect(() => {
    if (!host.current || !legend.current || !live.current) return undefined;
    const initialT = translator(viewTable, useLab.getState().lang);
    const v = createClusterView(host.current, {
      onSelect: (key) => useLab.getState().select(key),
      onOpenShell: openShell,
      t: initialT,
    });
    view.current = v;
    // Traffic particles run on their own animation frames, beside (not through) snapshots.
    const f = createTrafficFeed({
      particles: createParticles(v.trafficLayer, v.trafficPositions),
      read: () => {
        const s = useLab.getState();
        return { cluster: currentDriver().cluster, paused: s.paused, speed: s.speed };
      },
      positions: v.trafficPositions,
      legend: legend.current,
      live: live.current,
      t: initialT,
      reducedMotion: typeof matchMedia !== 'undefined' && matchMedia(MOTION_QUERY).matches,
    });
    feed.current = f;
    return () => {
      f.destroy();
      feed.current = undefined;
      v.destroy();
      view.current = undefined;
    };
  }, []);

  useEffect(() => {
    feed.current?.set({ t, reducedMotion });
  }, [t, reducedMotion]);

  useEffect(() => {
    // theme is a dependency although colours come from CSS variables: a redraw is cheap
    // and keeps anything computed from the theme honest.
    void theme;
    view.current?.update(snapshot, { selected, showSystem, reducedMotion, t });
  }, [snapshot, selected, showSystem, reducedMotion, t, theme]);

  return (
    <div className="cv-stage">
      <div className="cv-host" ref={host} />
      <div className="cv-traffic-legend" ref={legend} hidden aria-hidden="true" />
      <div className="visually-hidden" ref={live} role="status" aria-live="polite" />
      {empty && <p className="cv-empty">{t('empty')}</p>}
    </div>
  );
}

export function ClusterViewPane() {
  const showSystem = useLab((s) => s.showSystem);
  const setShowSystem = useLab((s) => s.setShowSystem);
  const [mode, setMode] = useState<'drawing' | 'text' | 'controlplane'>('drawing');
  const toggle = (m: typeof mode) => setMode(mode === m ? 'drawing' : m);
  const t = viewStrings();
  return (
    <div className="cv-pane">
      <div className="cv-toolbar" aria-label={t('toolbar')} role="group">
        <label className="cv-check" title={t('showSystemTitle')}>
          <input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} />
          {t('showSystem')}
        </label>
        <button type="button" className="text-btn cv-toggle" aria-pressed={mode === 'text'} title={t('textViewTitle')} onClick={() => toggle('text')}>
          {t('textView')}
        </button>
        <button type="button" className="text-btn cv-toggle" aria-pressed={mode === 'controlplane'} title={t('controlPlaneTitle')} onClick={() => toggle('controlplane')}>
          {t('controlPlaneWalk')}
        </button>
        <Legend />
      </div>
      {mode === 'text' ? (
        <div className="cv-tree-wrap">
          <Suspense fallback={<p className="pane-body muted">…</p>}>
            <ClusterTree />
          </Suspense>
        </div>
      ) : mode === 'controlplane' ? (
        <Suspense fallback={<p className="pane-body muted">…</p>}>
          <ControlPlaneWalk />
        </Suspense>
      ) : (
        <Drawing />
      )}
    </div>
  );
}
