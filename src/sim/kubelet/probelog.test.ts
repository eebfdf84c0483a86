import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { Session } from '../runner/session.ts';
import type { Pod } from '../api.ts';
import { ProbeLog } from './probelog.ts';
import { KUBECTL } from '../kubectl/tool.ts';

const LIVENESS = `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox:1.36
    args: [/bin/sh, -c, 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600']
    livenessProbe:
      exec:
        command: [cat, /tmp/healthy]
      initialDelaySeconds: 5
      periodSeconds: 5
`;

describe('ProbeLog', () => {
  it('keeps every liveness result across a restart and marks the failure that reached failureThreshold', () => {
    const cluster = createCluster({ seed: 4 });
    const s = new Session(cluster, { kubectl: KUBECTL });
    s.runScript(`kubectl apply -f - <<EOF\n${LIVENESS}EOF\nsleep 90`);
    const pod = cluster.store.get<Pod>('Pod', 'default', 'liveness-exec')!;
    const log = cluster.kubelets.get(pod.spec!.nodeName!)!.probeLog.entries('default', 'liveness-exec', 'liveness');
    const starts = log.filter((e) => e.kind === 'Start');
    expect(starts.map((e) => e.restartCount)).toEqual([0, 1]);
    const probes = log.filter((e) => e.kind === 'Liveness');
    expect(probes.some((e) => e.ok)).toBe(true);
    const crossed = probes.filter((e) => e.crossed);
    expect(crossed).toHaveLength(1);
    // Three failures in a row, the third acting; the restart follows it.
    const i = probes.indexOf(crossed[0]!);
    expect(probes.slice(i - 2, i + 1).map((e) => e.ok)).toEqual([false, false, false]);
    expect(crossed[0]!.output).toMatch(/No such file or directory/);
    expect(starts[1]!.t).toBeGreaterThan(crossed[0]!.t);
    // Pod's restartCount agrees with the log.
    expect(pod.status?.containerStatuses?.[0]?.restartCount).toBe(1);
  });

  it('is bounded and starts over for a new pod under the same name', () => {
    const log = new ProbeLog();
    for (let i = 0; i < 1000; i++) log.record('default', 'p', 'uid-1', 'c', { t: i, kind: 'Readiness', ok: true });
    expect(log.entries('default', 'p', 'c').length).toBeLessThanOrEqual(300);
    expect(log.entries('default', 'p', 'c').at(-1)!.t).toBe(999);
    log.record('default', 'p', 'uid-2', 'c', { t: 5, kind: 'Readiness', ok: false });
    expect(log.entries('default', 'p', 'c')).toEqual([{ t: 5, kind: 'Readiness', ok: false }]);
    expect(log.entries('default', 'other', 'c')).toEqual([]);
  });

  it('gives plain successes and everything else back as entries, oldest first', () => {
    const log = new ProbeLog();
    const w = log.writer('default', 'p', 'uid-1', 'c');
    w.entry({ t: 1, kind: 'Start', ok: true, restartCount: 0 });
    w.probe(2, 'Readiness', true, '', false);
    w.probe(3, 'Liveness', false, 'HTTP probe failed with statuscode: 500', false);
    w.probe(4, 'Liveness', false, 'HTTP probe failed with statuscode: 500', true);
    w.probe(5, 'Startup', true, 'ok', false);
    const got = log.entries('default', 'p', 'c');
    expect(got).toEqual([
      { t: 1, kind: 'Start', ok: true, restartCount: 0 },
      { t: 2, kind: 'Readiness', ok: true, output: '' },
      { t: 3, kind: 'Liveness', ok: false, output: 'HTTP probe failed with statuscode: 500' },
      { t: 4, kind: 'Liveness', ok: false, output: 'HTTP probe failed with statuscode: 500', crossed: true },
      { t: 5, kind: 'Startup', ok: true, output: 'ok' },
    ]);
    // The same array until something is written, so the page can tell nothing changed.
    expect(log.entries('default', 'p', 'c')).toBe(got);
    w.probe(6, 'Readiness', true, '', false);
    expect(log.entries('default', 'p', 'c')).not.toBe(got);
  });

  it('a writer keeps writing after its pod was forgotten or its log replaced, into a fresh log', () => {
    const log = new ProbeLog();
    const w = log.writer('default', 'p', 'uid-1', 'c');
    w.probe(1, 'Readiness', true, '', false);
    log.forget('default', 'p', 'uid-1');
    expect(log.entries('default', 'p', 'c')).toEqual([]);
    w.probe(2, 'Readiness', true, '', false);
    expect(log.entries('default', 'p', 'c').map((e) => e.t)).toEqual([2]);
    // A new pod under the same name takes the key; the old writer's next result takes it back.
    log.writer('default', 'p', 'uid-2', 'c').probe(3, 'Liveness', true, '', false);
    expect(log.entries('default', 'p', 'c').map((e) => e.t)).toEqual([3]);
    w.probe(4, 'Readiness', true, '', false);
    expect(log.entries('default', 'p', 'c').map((e) => e.t)).toEqual([4]);
  });
});

