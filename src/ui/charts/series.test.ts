import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/cluster.ts';
import { LabDriver } from '../../sim/runner/driver.ts';
import { Session } from '../../sim/runner/session.ts';
import { HistoryRecorder, type HistorySample } from '../../state/history.ts';
import { pickDeployment, probeSubject, trafficForDeployment } from '../../state/chartData.ts';
import { buildSnapshot } from '../../state/snapshot.ts';
import { translator } from '../i18n.ts';
import { ageLabel, probeTimeline, revisionColour, rolloutSeries, timeTicks, trafficBins, windowEnding } from './series.ts';
import { chartTable, lastSeconds, probesSummary, rolloutSummary } from './text.ts';
import { KUBECTL } from '../../sim/kubectl/tool.ts';

const en = translator(chartTable, 'en');
const ko = translator(chartTable, 'ko');

function sample(t: number, rs: [string, string, number, number][], desired = 3): HistorySample {
  return {
    t,
    replicaSets: rs.map(([name, revision, ready, want]) => ({ rs: `default/${name}`, deployment: 'default/web', revision, image: `nginx:${revision}`, desired: want, ready, available: ready })),
    deployments: { 'default/web': desired },
  };
}

describe('rollout series', () => {
  const samples = [
    sample(0, [['web-a', '1', 3, 3]]),
    sample(1000, [['web-a', '1', 3, 3], ['web-b', '2', 0, 1]]),
    sample(2000, [['web-a', '1', 2, 2], ['web-b', '2', 1, 2]]),
    sample(3000, [['web-b', '2', 3, 3], ['web-a', '1', 0, 0]]),
    sample(4000, [['web-b', '2', 3, 3]]),
  ];

  it('stacks ready pods by revision, oldest at the bottom, 0 where a ReplicaSet was absent', () => {
    const s = rolloutSeries(samples, 'default/web', { from: 0, to: 4000 });
    expect(s.revisions.map((r) => [r.revision, r.ready, r.desired])).toEqual([['1', 0, 0], ['2', 3, 3]]);
    expect(s.stacks[0]!.points.map((p) => [p.y0, p.y1])).toEqual([[0, 3], [0, 3], [0, 2], [0, 0], [0, 0]]);
    expect(s.stacks[1]!.points.map((p) => [p.y0, p.y1])).toEqual([[3, 3], [3, 3], [2, 3], [0, 3], [0, 3]]);
    expect(s.desired.map((d) => d.v)).toEqual([3, 3, 3, 3, 3]);
    expect(s.yMax).toBe(3);
  });

  it('keeps only the window and other deployments out', () => {
    const s = rolloutSeries(samples, 'default/web', { from: 2500, to: 4000 });
    expect(s.stacks[0]!.points.map((p) => p.t)).toEqual([3000, 4000]);
    expect(rolloutSeries(samples, 'default/api', { from: 0, to: 4000 }).revisions).toEqual([]);
  });

  it('colours by revision number, stable over time', () => {
    expect([revisionColour('1'), revisionColour('2'), revisionColour('7'), revisionColour('?')]).toEqual([0, 1, 0, 5]);
  });
});

describe('traffic bins', () => {
  it('counts ok and failed per second, every second of the window present', () => {
    const results = [
      { t: 100, ok: true },
      { t: 900, ok: false },
      { t: 1000, ok: true },
      { t: 2999, ok: true },
      { t: 5000, ok: true },
    ];
    const bins = trafficBins(results, { from: 0, to: 3500 });
    expect(bins).toEqual([
      { t: 0, ok: 1, failed: 1 },
      { t: 1000, ok: 1, failed: 0 },
      { t: 2000, ok: 1, failed: 0 },
      { t: 3000, ok: 0, failed: 0 },
    ]);
    expect(lastSeconds(results, 3000, true, 2500)).toEqual({ ok: 2, failed: 1 });
    expect(lastSeconds(results, 3000, true)).toEqual({ ok: 3, failed: 1 });
    expect(lastSeconds(results, 3000, false)).toBeUndefined();
  });
});

describe('time axis', () => {
  it('counts ticks back from now and labels them as ages', () => {
    const w = windowEnding(130_000, 120_000);
    expect(w).toEqual({ from: 10_000, to: 130_000 });
    const ticks = timeTicks(w, 5);
    expect(ticks.at(-1)).toBe(130_000);
    expect(ticks).toEqual([10_000, 40_000, 70_000, 100_000, 130_000]);
    expect(ticks.map((t) => ageLabel(t, 130_000, 'now'))).toEqual(['−2 min', '−90 s', '−60 s', '−30 s', 'now']);
    expect(windowEnding(5_000, 120_000)).toEqual({ from: 0, to: 5_000 });
  });
});

describe('probe timeline', () => {
  it('places results, threshold crossings and restarts; configured kinds have rows before any result', () => {
    const epoch = 1_000_000;
    const tl = probeTimeline(
      [
        { t: epoch + 1000, kind: 'Start', ok: true, restartCount: 0 },
        { t: epoch + 5000, kind: 'Liveness', ok: true, output: '' },
        { t: epoch + 10_000, kind: 'Liveness', ok: false, output: 'boom' },
        { t: epoch + 15_000, kind: 'Liveness', ok: false, output: 'boom', crossed: true },
        { t: epoch + 16_000, kind: 'Start', ok: true, restartCount: 1 },
      ],
      epoch,
      { from: 0, to: 20_000 },
      ['Liveness', 'Readiness'],
    );
    expect(tl.rows).toEqual(['Liveness', 'Readiness']);
    expect(tl.ticks.map((x) => [x.t, x.ok, x.crossed])).toEqual([[5000, true, false], [10_000, false, false], [15_000, false, true]]);
    expect(tl.restarts).toEqual([{ t: 16_000, count: 1 }]);
    expect(probesSummary(en, 'web/nginx', tl, 5)).toBe('web/nginx: Liveness 1 ok, 2 failed (last failed); Readiness: no results yet; 1 restart in the last 5 min');
    expect(probesSummary(ko, 'web/nginx', tl, 5)).toMatch(/^web\/nginx: 활성 성공 1, 실패 2/);
  });
});

describe('summaries', () => {
  it('says what the rollout chart shows, newest revision first', () => {
    const s = rolloutSeries([sample(0, [['web-a', '1', 0, 0], ['web-b', '2', 3, 3]])], 'default/web', { from: 0, to: 0 });
    expect(rolloutSummary(en, 'web', s, { ok: 50, failed: 0 })).toBe('web: rev 2 3/3 ready, rev 1 0/0 ready; last 10 s: 50 ok, 0 failed');
    expect(rolloutSummary(en, 'web', s, undefined)).toBe('web: rev 2 3/3 ready, rev 1 0/0 ready; no traffic');
    expect(rolloutSummary(ko, 'web', s, { ok: 5, failed: 1 })).toBe('web: 리비전 2 3/3 준비, 리비전 1 0/0 준비; 최근 10초: 성공 5, 실패 1');
  });

  it('has every key in both languages', () => {
    expect(Object.keys(chartTable.ko).sort()).toEqual(Object.keys(chartTable.en).sort());
  });
});

describe('history recorder and chart data on a live lab', () => {
  it('records a rolling update second by second and starts over after a rewind', () => {
    const d = new LabDriver({ kubectl: KUBECTL, seed: 11 });
    const h = new HistoryRecorder(50);
    const tick = (ms: number) => {
      for (let i = 0; i < ms; i += 250) {
        d.advance(250);
        h.observe(d.cluster, d.now);
      }
    };
    d.submit('kubectl create deployment web --image=nginx:1.27 --replicas=3\nkubectl expose deployment web --port=80');
    tick(30_000);
    d.submit('traffic start svc/web --rate 5\nkubectl set image deployment/web nginx=nginx:1.28');
    tick(40_000);
    expect(h.samples).toHaveLength(50);
    expect(new Set(h.samples.map((s) => s.t)).size).toBe(50);
    const w = windowEnding(d.now, 120_000);
    const s = rolloutSeries(h.samples, 'default/web', w);
    expect(s.revisions.map((r) => [r.revision, r.image])).toEqual([['1', 'nginx:1.27'], ['2', 'nginx:1.28']]);
    expect(s.revisions.at(-1)).toMatchObject({ ready: 3, desired: 3 });
    // Somewhere during the rollout both revisions had ready pods at once.
    expect(s.stacks[0]!.points.some((p, i) => p.y1 > 0 && s.stacks[1]!.points[i]!.y1 - s.stacks[1]!.points[i]!.y0 > 0)).toBe(true);

    const snapshot = buildSnapshot(d.cluster);
    expect(pickDeployment(d.cluster, snapshot, undefined)).toBe('default/web');
    const pod = snapshot.pods.find((p) => p.workload === 'Deployment/default/web')!;
    expect(pickDeployment(d.cluster, snapshot, pod.key)).toBe('default/web');
    const traffic = trafficForDeployment(d.cluster, 'default/web');
    expect(traffic.sources).toEqual(['web']);
    expect(trafficBins(traffic.results, w).at(-2)).toEqual({ t: d.now - 1000, ok: 5, failed: 0 });
    expect(lastSeconds(traffic.results, d.now, true)).toEqual({ ok: 50, failed: 0 });

    const rewound = LabDriver.replay({ kubectl: KUBECTL, seed: 11 }, d.actions, d.now - 20_000);
    h.observe(rewound.cluster, rewound.now);
    expect(h.samples).toHaveLength(1);
  });

  it('finds the selected container and its probe log', () => {
    const c = createCluster({ seed: 6 });
    new Session(c, { kubectl: KUBECTL }).runScript(`kubectl run web --image=nginx:1.27 --port=80
kubectl patch pod web --type=json -p='[]'
sleep 1`);
    const snap = buildSnapshot(c);
    expect(probeSubject(c, snap, undefined)).toBeUndefined();
    expect(probeSubject(c, snap, 'Pod/default/web')).toMatchObject({ pod: 'web', container: 'web', configured: [], entries: [] });
    // The ingress controller has a readiness probe that has run by the end of the warm-up.
    const ing = snap.pods.find((p) => p.namespace === 'ingress-nginx')!;
    const subject = probeSubject(c, snap, `${ing.key}#controller`)!;
    expect(subject.configured).toEqual(['Readiness']);
    expect(subject.entries.filter((e) => e.kind === 'Readiness' && e.ok).length).toBeGreaterThan(10);
  });
});
