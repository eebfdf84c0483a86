// A reload: the page draws a fresh cluster at once and rebuilds the saved lab from its actions
// in slices, once kubectl has loaded. Until the lab is there, nothing is saved over it.
import { describe, expect, it, vi } from 'vitest';
import { LabDriver } from '../sim/runner/driver.ts';
import { KUBECTL } from '../sim/kubectl/tool.ts';
import { loadSaved, saveLab, type SavedLab } from './persist.ts';

class MemoryStorage {
  private m = new Map<string, string>();
  get length(): number {
    return this.m.size;
  }
  key(i: number): string | null {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.m.set(k, v);
  }
  removeItem(k: string): void {
    this.m.delete(k);
  }
  clear(): void {
    this.m.clear();
  }
}

/** Half an hour of a 10-replica Deployment, made headlessly as a student's session would be, and saved. */
function saveASession(): SavedLab {
  vi.stubGlobal('localStorage', new MemoryStorage());
  const d = new LabDriver({ kubectl: KUBECTL, seed: 4, evictionTimeoutSeconds: 60 });
  const startedAt = d.now;
  d.submit('kubectl create deployment web --image=nginx:1.27 --replicas=10');
  d.advance(30 * 60_000);
  const lab: SavedLab = { seed: 4, startedAt, now: d.now, actions: d.actions, files: [{ name: 'a.yaml', text: 'kind: Pod\n' }], activeFile: 'a.yaml', history: ['kubectl get pods'], scrollback: 'earlier output\n', lang: 'en', theme: 'light', collapsed: {} };
  expect(saveLab(lab, 'lab')).toBeUndefined();
  return lab;
}

async function loadPage() {
  vi.resetModules();
  return import('./labStore.ts');
}

describe('restoring a saved lab at load', () => {
  it('shows the progress, runs what was typed meanwhile after it, and arrives at the saved cluster', async () => {
    const lab = saveASession();
    const { useLab, currentDriver } = await loadPage();
    const s = () => useLab.getState();
    // At once: the student's files and terminal, a fresh cluster, and the restore under way.
    expect(s().files).toEqual(lab.files);
    expect(s().scrollback).toBe('earlier output\n');
    expect(s().working?.kind).toBe('restore');
    expect(currentDriver().cluster.store.get('Deployment', 'default', 'web')).toBeUndefined();
    // A line typed now waits for the restore.
    s().submit('kubectl get deployment web');
    await vi.waitFor(() => expect(s().working).toBeUndefined(), { timeout: 30_000, interval: 10 });
    expect(s().now).toBe(lab.now);
    expect(currentDriver().cluster.store.list('Pod', 'default')).toHaveLength(10);
    expect(s().scrollback).toMatch(/web\s+10\/10\s+10\s+10/);
  });

  it('does not save the fresh cluster over the lab when the student leaves before the restore is done', async () => {
    const lab = saveASession();
    const { useLab, currentDriver, kubectlLoaded } = await loadPage();
    const s = () => useLab.getState();
    // Every reading of the page's clock is 100 ms later: each slice runs one step, so the
    // restore is surely still under way below, however fast the machine.
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 100));
    await kubectlLoaded();
    expect(s().working?.kind).toBe('restore');
    // Off to a lesson's lab: the lab being left is saved first, except that it is not there yet.
    s().enterContext('lesson:x', { seed: 2, setup: [], files: [] });
    expect(loadSaved('lab')?.actions).toEqual(lab.actions);
    expect(loadSaved('lab')?.now).toBe(lab.now);
    // Back: the lab is rebuilt from its save.
    s().enterContext('lab', { seed: 1, setup: [], files: [] });
    clock.mockRestore();
    expect(s().now).toBe(lab.now);
    expect(currentDriver().cluster.store.list('Pod', 'default')).toHaveLength(10);
  });
});
