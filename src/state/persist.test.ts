import { describe, expect, it } from 'vitest';
import { loadFrom, migrate, MIGRATIONS, SAVE_VERSION, storageKey, UNREADABLE_PREFIX } from './persist.ts';

/** localStorage's interface over a Map; `full` makes every write fail as a full quota does. */
function memoryStorage(init: Record<string, string> = {}, full = false): Storage {
  const m = new Map(Object.entries(init));
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      m.set(k, v);
    },
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

const GOOD = JSON.stringify({ version: SAVE_VERSION, seed: 3, startedAt: 1, now: 2, actions: [], files: [{ name: 'a.yaml', text: 'x' }], activeFile: 'a.yaml', history: [], scrollback: '', lang: 'en', theme: 'light', collapsed: {} });

describe('stored labs are read, migrated, or kept aside, never dropped', () => {
  it('reads a save of this version', () => {
    const r = loadFrom(memoryStorage({ [storageKey('lab')]: GOOD }), 'lab');
    expect(r.lab?.seed).toBe(3);
    expect(r.keptUnreadable).toBeUndefined();
  });

  it.each([
    ['a newer version', JSON.stringify({ ...JSON.parse(GOOD), version: SAVE_VERSION + 1 })],
    ['damaged JSON', GOOD.slice(0, 40)],
    ['an older version with no migration', JSON.stringify({ ...JSON.parse(GOOD), version: 0 })],
  ])('keeps %s aside under its own key, byte for byte, and starts afresh', (_name, raw) => {
    const store = memoryStorage({ [storageKey('lesson:05-init-containers')]: raw });
    const r = loadFrom(store, 'lesson:05-init-containers');
    expect(r.lab).toBeUndefined();
    expect(r.keptUnreadable).toBe(`${UNREADABLE_PREFIX}lesson:05-init-containers`);
    expect(store.getItem(`${UNREADABLE_PREFIX}lesson:05-init-containers`)).toBe(raw);
    // The lab's own key is free for the fresh lab's saves, which can no longer overwrite it.
    expect(store.getItem(storageKey('lesson:05-init-containers'))).toBeNull();
  });

  it('keeps the first unreadable save when a second one comes', () => {
    const store = memoryStorage({ [`${UNREADABLE_PREFIX}lab`]: 'first', [storageKey('lab')]: 'second {' });
    loadFrom(store, 'lab');
    expect(store.getItem(`${UNREADABLE_PREFIX}lab`)).toBe('first');
  });

  it('leaves an unreadable save in place when storage is full', () => {
    const store = memoryStorage({ [storageKey('lab')]: '{broken' }, true);
    const r = loadFrom(store, 'lab');
    expect(r.lab).toBeUndefined();
    expect(store.getItem(storageKey('lab'))).toBe('{broken');
  });

  it('migrates an older version step by step when every step has a migration', () => {
    const old = JSON.stringify({ ...JSON.parse(GOOD), version: SAVE_VERSION - 1, workspace: JSON.parse(GOOD).files });
    delete (MIGRATIONS as Record<number, unknown>)[SAVE_VERSION - 1];
    expect(migrate(old)).toBe(old);
    MIGRATIONS[SAVE_VERSION - 1] = (v) => ({ ...v, files: v['workspace'] });
    try {
      const r = loadFrom(memoryStorage({ [storageKey('lab')]: old }), 'lab');
      expect(r.lab?.files).toEqual([{ name: 'a.yaml', text: 'x' }]);
    } finally {
      delete (MIGRATIONS as Record<number, unknown>)[SAVE_VERSION - 1];
    }
  });
});
