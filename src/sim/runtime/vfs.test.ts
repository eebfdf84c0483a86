import { describe, expect, it } from 'vitest';
import { Vfs, newDir, treeFrom } from './vfs.ts';

describe('Vfs path lookups', () => {
  it('sees a change made through another view of a shared tree', () => {
    const shared = treeFrom({ '/log': 'a\n' });
    const a = new Vfs(newDir(), () => 0);
    const b = new Vfs(newDir(), () => 0);
    a.mount('/data', shared);
    b.mount('/srv', shared);
    expect(a.readFile('/data/log')).toBe('a\n');
    b.remove('/srv/log');
    expect(a.stat('/data/log')).toBeUndefined();
    b.writeFile('/srv/log', 'b\n');
    expect(a.readFile('/data/log')).toBe('b\n');
    b.mkdir('/srv/sub');
    b.writeFile('/srv/sub/x', '1');
    expect(a.readFile('/data/sub/x')).toBe('1');
  });

  it('sees entries changed directly in a directory (the volume controllers clear trees)', () => {
    const root = treeFrom({ '/etc/hosts': 'x', '/tmp/healthy': '' });
    const fs = new Vfs(root, () => 0);
    expect(fs.exists('/tmp/healthy')).toBe(true);
    const tmp = fs.stat('/tmp');
    if (tmp?.kind !== 'dir') throw new Error('no /tmp');
    tmp.children.clear();
    expect(fs.exists('/tmp/healthy')).toBe(false);
    tmp.children.set('healthy', { kind: 'file', content: 'again', mtime: 0, version: 1 });
    expect(fs.readFile('/tmp/healthy')).toBe('again');
    tmp.children.delete('healthy');
    expect(fs.exists('/tmp/healthy')).toBe(false);
  });

  it('appends to a file that is there, and refuses to write to a read-only mount', () => {
    const fs = new Vfs(newDir(), () => 7);
    fs.mkdir('/tmp');
    fs.writeFile('/tmp/log', 'one\n');
    fs.writeFile('/tmp/log', 'two\n', true);
    const n = fs.stat('/tmp/log');
    expect(n?.kind === 'file' && [n.content, n.version, n.mtime]).toEqual(['one\ntwo\n', 2, 7]);
    fs.mount('/etc/config', treeFrom({ '/key': 'v' }), true);
    expect(() => fs.writeFile('/etc/config/key', 'w', true)).toThrow(/EROFS/);
    expect(fs.readFile('/etc/config/key')).toBe('v');
  });
});
