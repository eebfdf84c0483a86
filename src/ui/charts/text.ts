// The charts' words in both languages, and the sentences that say what each chart shows (the
// text twin of the drawing, for screen readers and for anyone who prefers reading). Kept
// free of the store so tests can use the table directly.

import type { Strings, Translate } from '../i18n.ts';
import { probeCounts, type ProbeTimeline, type RolloutSeries } from './series.ts';

export const chartTable = {
  en: {
    charts: 'Live charts',
    rolloutTitle: 'Rollout: {name}',
    rolloutNone: 'Rollout',
    rolloutEmpty: 'No Deployment yet. Create one (kubectl create deployment web --image=nginx:1.27 --replicas=3) or select one.',
    rolloutLabel: 'Ready pods per ReplicaSet and requests per second, last {seconds} seconds',
    pods: 'ready pods',
    requests: 'requests/s',
    noTraffic: 'No traffic: try  traffic start svc/NAME',
    now: 'now',
    rev: 'rev {rev}',
    legendRev: 'rev {rev} · {image} · {ready}/{desired}',
    legendDesired: 'desired',
    legendOk: 'ok',
    legendFailed: 'failed',
    rolloutSummary: '{name}: {revisions}; last 10 s: {ok} ok, {failed} failed',
    rolloutSummaryNoTraffic: '{name}: {revisions}; no traffic',
    revSummary: 'rev {rev} {ready}/{desired} ready',
    noRevisions: 'no ReplicaSets yet',
    probesTitle: 'Probes: {name}',
    probesNone: 'Probes',
    probesEmpty: 'Select a pod (or one of its containers) to see its probe results.',
    probesNoProbes: '{name} has no probes.',
    probesLabel: 'Probe results of {name}, last {minutes} minutes',
    Startup: 'Startup',
    Liveness: 'Liveness',
    Readiness: 'Readiness',
    tickOk: '{kind} probe succeeded',
    tickFailed: '{kind} probe failed: {output}',
    crossed: 'reached failureThreshold',
    restartMark: '↻ {count}',
    probeKindSummary: '{kind} {ok} ok, {failed} failed',
    lastFailed: 'last failed',
    noResults: 'no results yet',
    restarts: '{count} restarts',
    restartOne: '1 restart',
    probesSummary: '{name}: {kinds}{restarts} in the last {minutes} min',
  },
  ko: {
    charts: '실시간 차트',
    rolloutTitle: '롤아웃: {name}',
    rolloutNone: '롤아웃',
    rolloutEmpty: '아직 Deployment가 없습니다. 하나를 만들거나(kubectl create deployment web --image=nginx:1.27 --replicas=3) 선택하세요.',
    rolloutLabel: 'ReplicaSet별 준비된 파드와 초당 요청, 최근 {seconds}초',
    pods: '준비된 파드',
    requests: '요청/초',
    noTraffic: '트래픽 없음: traffic start svc/이름 을 실행해 보세요',
    now: '지금',
    rev: '리비전 {rev}',
    legendRev: '리비전 {rev} · {image} · {ready}/{desired}',
    legendDesired: '원하는 수',
    legendOk: '성공',
    legendFailed: '실패',
    rolloutSummary: '{name}: {revisions}; 최근 10초: 성공 {ok}, 실패 {failed}',
    rolloutSummaryNoTraffic: '{name}: {revisions}; 트래픽 없음',
    revSummary: '리비전 {rev} {ready}/{desired} 준비',
    noRevisions: '아직 ReplicaSet 없음',
    probesTitle: '프로브: {name}',
    probesNone: '프로브',
    probesEmpty: '파드(또는 그 컨테이너)를 선택하면 프로브 결과가 보입니다.',
    probesNoProbes: '{name}에는 프로브가 없습니다.',
    probesLabel: '{name}의 프로브 결과, 최근 {minutes}분',
    Startup: '스타트업',
    Liveness: '활성',
    Readiness: '준비성',
    tickOk: '{kind} 프로브 성공',
    tickFailed: '{kind} 프로브 실패: {output}',
    crossed: 'failureThreshold 도달',
    restartMark: '↻ {count}',
    probeKindSummary: '{kind} 성공 {ok}, 실패 {failed}',
    lastFailed: '마지막 실패',
    noResults: '아직 결과 없음',
    restarts: '재시작 {count}회',
    restartOne: '재시작 1회',
    probesSummary: '{name}: {kinds}{restarts} (최근 {minutes}분)',
  },
} satisfies Strings<string>;

export type ChartKey = keyof typeof chartTable.en;

/** "web: rev 2 3/3 ready, rev 1 0/0 ready; last 10 s: 50 ok, 0 failed" */
export function rolloutSummary(t: Translate<ChartKey>, name: string, series: RolloutSeries, last10s: { ok: number; failed: number } | undefined): string {
  const revisions = series.revisions.length
    ? [...series.revisions]
        .reverse()
        .map((r) => t('revSummary', { rev: r.revision, ready: r.ready, desired: r.desired }))
        .join(', ')
    : t('noRevisions');
  return last10s ? t('rolloutSummary', { name, revisions, ok: last10s.ok, failed: last10s.failed }) : t('rolloutSummaryNoTraffic', { name, revisions });
}

/** "web-1/nginx: Liveness 12 ok, 3 failed (last failed); 1 restart in the last 5 min" */
export function probesSummary(t: Translate<ChartKey>, name: string, tl: ProbeTimeline, minutes: number): string {
  const kinds = probeCounts(tl)
    .map((c) => {
      const kind = t(c.kind);
      if (c.last === undefined) return `${kind}: ${t('noResults')}`;
      return t('probeKindSummary', { kind, ok: c.ok, failed: c.failed }) + (c.last === false ? ` (${t('lastFailed')})` : '');
    })
    .join('; ');
  const n = tl.restarts.length;
  const restarts = n === 0 ? '' : `; ${n === 1 ? t('restartOne') : t('restarts', { count: n })}`;
  return t('probesSummary', { name, kinds, restarts, minutes });
}

/** Requests sent in the last `ms` up to now, (now − ms, now]; undefined when no source is counted. */
export function lastSeconds(results: readonly { t: number; ok: boolean }[], now: number, counted: boolean, ms = 10_000): { ok: number; failed: number } | undefined {
  if (!counted) return undefined;
  let ok = 0;
  let failed = 0;
  for (const r of results) {
    if (r.t <= now - ms || r.t > now) continue;
    if (r.ok) ok++;
    else failed++;
  }
  return { ok, failed };
}
