import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

describe('kubelet crash-loop backoff (reference section 4)', () => {
  it('restarts at once, then waits 10s doubling to the 300s cap', () => {
    const b = new Backoff();
    const waits: number[] = [];
    let now = 0;
    for (let crash = 0; crash < 9; crash++) {
      // The container ran for 1s and exited at `now`.
      const finished = now;
      let restartAt = finished;
      while (b.isInBackOffSince('c', finished, restartAt)) restartAt += 1000;
      waits.push((restartAt - finished) / 1000);
      b.next('c', restartAt);
      now = restartAt + 1000;
    }
    expect(waits).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('starts over after 10 minutes without a restart', () => {
    const b = new Backoff();
    b.next('c', 0);
    b.next('c', 1000);
    b.next('c', 2000);
    expect(b.get('c')).toBe(40_000);
    // Ran for more than 2 x 300 s since the last restart: not in back-off, and Next resets.
    expect(b.isInBackOffSince('c', 2000 + 600_001, 2000 + 600_001)).toBe(false);
    b.next('c', 2000 + 600_001);
    expect(b.get('c')).toBe(10_000);
  });
});
