import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster.ts';
import type { KEvent, Pod } from './api.ts';
import { EVENT_TTL_MS } from './events.ts';

const MIN = 60_000;

function setup() {
  const cluster = createCluster({ seed: 3, warmupMs: 0 });
  const pod = cluster.store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } });
  if (!pod.ok) throw new Error('no pod');
  const mine = (): KEvent[] => cluster.store.list<KEvent>('Event', 'default').filter((e) => e.involvedObject.name === 'p' && e.reason === 'Testing');
  return { cluster, pod: pod.object, mine };
}

describe('Events expire an hour after their last update (--event-ttl)', () => {
  it('a repeat keeps an Event alive, and after it expires the next one starts again at count 1', () => {
    const { cluster, pod, mine } = setup();
    cluster.events.record(pod, 'Normal', 'Testing', 'hello', { component: 'test' });
    cluster.advance(30 * MIN);
    cluster.events.record(pod, 'Normal', 'Testing', 'hello', { component: 'test' });
    expect(mine().map((e) => e.count)).toEqual([2]);
    cluster.advance(31 * MIN);
    // An hour after the first, but not after the repeat.
    expect(mine()).toHaveLength(1);
    cluster.advance(30 * MIN);
    expect(mine()).toEqual([]);
    cluster.events.record(pod, 'Normal', 'Testing', 'hello', { component: 'test' });
    expect(mine().map((e) => e.count)).toEqual([1]);
  });

  it('many Events expire in the order they came, each on time, behind one timer', () => {
    const { cluster, pod, mine } = setup();
    const before = cluster.clock.pending;
    for (let i = 0; i < 50; i++) {
      cluster.events.record(pod, 'Normal', 'Testing', `message ${i}`, { component: 'test' });
      cluster.advance(MIN);
    }
    expect(cluster.clock.pending - before).toBeLessThanOrEqual(1);
    expect(mine()).toHaveLength(50);
    cluster.advance(EVENT_TTL_MS - 50 * MIN);
    // The first was recorded 60 minutes ago; the rest are younger.
    expect(mine().map((e) => e.message)).toEqual(Array.from({ length: 49 }, (_, i) => `message ${i + 1}`));
    cluster.advance(10 * MIN);
    expect(mine()).toHaveLength(39);
    cluster.advance(EVENT_TTL_MS);
    expect(mine()).toEqual([]);
  });
});
