import { useEffect } from 'react';
import { useLab } from '../state/labStore.ts';

/**
 * Let simulated time follow real time (times the speed) while the page is visible. A frame
 * never advances more than 100 ms of real time, so a tab coming back from the background
 * does not run minutes of cluster in one main-thread task.
 */
export function useTimeLoop(): void {
  useEffect(() => {
    let last = performance.now();
    let raf = 0;
    const frame = (t: number) => {
      const dt = Math.min(100, t - last);
      last = t;
      if (dt > 0) useLab.getState().tick(dt);
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, []);
}
