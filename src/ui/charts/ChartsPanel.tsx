// Live charts: a Deployment's rollout with the traffic aimed at it, and the selected
// container's probe results. Each chart is an imperative d3 factory that this component
// only creates, feeds and destroys (as the cluster view is); each has a text summary.
// It fills its container (a flex column) and redraws when that container is resized.

import { useEffect, useId, useMemo, useRef } from 'react';
import { pageHistory } from '../../state/history.ts';
import { currentDriver, useLab } from '../../state/labStore.ts';
import { pickDeployment, probeSubject, trafficForDeployment } from '../../state/chartData.ts';
import { defineStrings, type Translate } from '../i18n.ts';
import { createProbeChart, type ProbeChart, type ProbeChartText } from './probeChart.ts';
import { createRolloutChart, type RolloutChart, type RolloutChartData, type RolloutChartText } from './rolloutChart.ts';
import { PROBE_WINDOW_MS, probeTimeline, ROLLOUT_WINDOW_MS, rolloutSeries, trafficBins, windowEnding, type ProbeTimeline, type Window } from './series.ts';
import { chartTable, lastSeconds, probesSummary, rolloutSummary, type ChartKey } from './text.ts';
import './charts.css';

const useChartStrings = defineStrings(chartTable);

// Recording starts when the panel's module loads and goes on while the panel is hidden, so
// switching to the tab shows the minutes before.
const history = pageHistory(useLab, () => currentDriver().cluster);

/** Redraws per simulated second: enough for the time axis to move smoothly at 1x. */
const FRAME_MS = 500;

function RolloutDrawing({ data, text }: { data: RolloutChartData; text: RolloutChartText }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<RolloutChart | undefined>(undefined);
  useEffect(() => {
    const c = createRolloutChart(host.current!);
    chart.current = c;
    return () => {
      c.destroy();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => chart.current?.update(data, text), [data, text]);
  return <div className="ch-host" ref={host} />;
}

function ProbeDrawing({ tl, window: w, text }: { tl: ProbeTimeline; window: Window; text: ProbeChartText }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ProbeChart | undefined>(undefined);
  useEffect(() => {
    const c = createProbeChart(host.current!);
    chart.current = c;
    return () => {
      c.destroy();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => chart.current?.update(tl, w, text), [tl, w, text]);
  return <div className="ch-host ch-host-probes" ref={host} style={{ minHeight: `${Math.max(1, tl.rows.length) * 30 + 44}px` }} />;
}

function probeText(t: Translate<ChartKey>, label: string): ProbeChartText {
  return {
    label,
    nowWord: t('now'),
    kind: (k) => t(k),
    tick: (kind, ok, output) => (ok ? t('tickOk', { kind: t(kind) }) : t('tickFailed', { kind: t(kind), output })),
    crossed: t('crossed'),
    restart: (count) => t('restartMark', { count }),
  };
}

function RolloutSection({ now }: { now: number }) {
  const t = useChartStrings();
  const id = useId();
  const whilePaused = useLab(pausedSnapshot);
  const selected = useLab((s) => s.selected);
  const cluster = currentDriver().cluster;
  const deployment = useMemo(() => pickDeployment(cluster, useLab.getState().snapshot, selected), [cluster, selected, now, whilePaused]);
  const view = useMemo(() => {
    if (!deployment) return undefined;
    const w = windowEnding(now, ROLLOUT_WINDOW_MS);
    const series = rolloutSeries(history.samples, deployment, w);
    const traffic = trafficForDeployment(cluster, deployment);
    // The current second is still filling up: drawn, it would look like a drop in traffic.
    const bins = trafficBins(traffic.results, { from: w.from, to: Math.floor(now / 1000) * 1000 - 1 });
    const name = deployment.startsWith('default/') ? deployment.slice('default/'.length) : deployment;
    const data: RolloutChartData = { series, bins, window: w, hasTraffic: traffic.sources.length > 0 };
    const summary = rolloutSummary(t, name, series, lastSeconds(traffic.results, now, traffic.sources.length > 0));
    return { name, data, summary };
    // history.version changes with every sample; `now` covers it, whilePaused covers commands typed while paused.
  }, [deployment, now, cluster, t, whilePaused]);
  const text = useMemo<RolloutChartText>(
    () => ({ label: t('rolloutLabel', { seconds: ROLLOUT_WINDOW_MS / 1000 }), pods: t('pods'), requests: t('requests'), nowWord: t('now'), noTraffic: t('noTraffic') }),
    [t],
  );
  return (
    <section className="ch-section" aria-labelledby={`${id}-h`}>
      <h3 className="ch-heading" id={`${id}-h`}>
        {view ? t('rolloutTitle', { name: view.name }) : t('rolloutNone')}
      </h3>
      {view ? (
        <>
          <p className="ch-summary">{view.summary}</p>
          <RolloutDrawing data={view.data} text={text} />
          <ul className="ch-legend" aria-label={t('rolloutNone')}>
            {view.data.series.revisions.map((r) => (
              <li key={r.rs}>
                <span className={`ch-swatch ch-rev-${r.colour}`} aria-hidden="true" />
                {t('legendRev', { rev: r.revision, image: r.image, ready: r.ready, desired: r.desired })}
              </li>
            ))}
            <li>
              <span className="ch-swatch ch-swatch-desired" aria-hidden="true" />
              {t('legendDesired')}
            </li>
            <li>
              <span className="ch-swatch ch-swatch-ok" aria-hidden="true" />
              {t('legendOk')}
            </li>
            <li>
              <span className="ch-swatch ch-swatch-failed" aria-hidden="true" />
              {t('legendFailed')}
            </li>
          </ul>
        </>
      ) : (
        <p className="ch-hint">{t('rolloutEmpty')}</p>
      )}
    </section>
  );
}

function ProbeSection({ now }: { now: number }) {
  const t = useChartStrings();
  const id = useId();
  const whilePaused = useLab(pausedSnapshot);
  const selected = useLab((s) => s.selected);
  const epoch = useLab((s) => s.epoch);
  const cluster = currentDriver().cluster;
  const view = useMemo(() => {
    const subject = probeSubject(cluster, useLab.getState().snapshot, selected);
    if (!subject) return undefined;
    const name = `${subject.pod}/${subject.container}`;
    const w = windowEnding(now, PROBE_WINDOW_MS);
    const tl = probeTimeline(subject.entries, epoch, w, subject.configured);
    const minutes = PROBE_WINDOW_MS / 60_000;
    return { name, tl, w, summary: tl.rows.length ? probesSummary(t, name, tl, minutes) : t('probesNoProbes', { name }), label: t('probesLabel', { name, minutes }) };
  }, [cluster, selected, now, epoch, t, whilePaused]);
  const text = useMemo(() => probeText(t, view?.label ?? ''), [t, view?.label]);
  return (
    <section className="ch-section" aria-labelledby={`${id}-h`}>
      <h3 className="ch-heading" id={`${id}-h`}>
        {view ? t('probesTitle', { name: view.name }) : t('probesNone')}
      </h3>
      {!view && <p className="ch-hint">{t('probesEmpty')}</p>}
      {view && <p className="ch-summary">{view.summary}</p>}
      {view && view.tl.rows.length > 0 && <ProbeDrawing tl={view.tl} window={view.w} text={text} />}
    </section>
  );
}

/**
 * While the clock runs, the charts follow `now` (below) and not every snapshot; while it is
 * paused, a snapshot (a command typed) redraws them at once.
 */
const pausedSnapshot = (s: { paused: boolean; snapshot: unknown }): unknown => (s.paused ? s.snapshot : null);

/** Mount anywhere that gives it a height: `<ChartsPanel />`. */
export function ChartsPanel() {
  // FRAME_MS of simulated time per redraw at 1x and 2x; faster, at most four redraws per real
  // second (each redraw repaints both charts: at 4x with 300 pods that was the frame's
  // largest cost).
  const now = useLab((s) => {
    const step = FRAME_MS * Math.max(1, s.speed / 2);
    return Math.floor(s.now / step) * step;
  });
  // Colours come from CSS variables; a theme change needs no redraw.
  return (
    <div className="charts-panel">
      <RolloutSection now={now} />
      <ProbeSection now={now} />
    </div>
  );
}
