// A small in-memory filesystem. A container sees one Vfs: its own root tree plus mounts
// (emptyDir and hostPath volumes are Dir trees shared by reference between the containers and
// nodes that mount them, which is exactly what makes a sidecar see the app's log file).

export interface FileNode {
  kind: 'file';
  content: string;
  mtime: number;
  /** Bumped on every write; tail -f uses it to notice changes cheaply. */
  version: number;
  /**
   * A symlink to a device, as images ship /var/log/nginx/access.log -> /dev/stdout. Writers
   * that honour it send the text to the container's stdout/stderr instead of the file.
   */
  link?: '/dev/stdout' | '/dev/stderr';
}

export interface DirNode {
  kind: 'dir';
  children: Map<string, FsNode>;
  mtime: number;
}

export type FsNode = FileNode | DirNode;

/**
 * Bumped whenever any directory anywhere gains, loses or replaces an entry. A Vfs remembers
 * what a path led to together with this number, so a path looked up again with no such change
 * in between (a probe's file, a loop's log file) is found without walking the tree.
 */
let treeGeneration = 0;

/** A directory's entries: a Map that counts its changes in treeGeneration. */
class Children extends Map<string, FsNode> {
  override set(name: string, node: FsNode): this {
    treeGeneration++;
    return super.set(name, node);
  }
  override delete(name: string): boolean {
    treeGeneration++;
    return super.delete(name);
  }
  override clear(): void {
    treeGeneration++;
    super.clear();
  }
}

export function newDir(mtime = 0): DirNode {
  return { kind: 'dir', children: new Children(), mtime };
}

export class FsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EROFS',
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

/** Messages as busybox prints them after "tool: path: ". */
export function fsErrorText(e: FsError): string {
  switch (e.code) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'EISDIR':
      return 'Is a directory';
    case 'EEXIST':
      return 'File exists';
    case 'ENOTEMPTY':
      return 'Directory not empty';
    case 'EROFS':
      return 'Read-only file system';
  }
}

const CLEAN_ABSOLUTE = /^(\/[^/.][^/]*)+$|^\/$/;

export function normalizePath(path: string, cwd = '/'): string {
  // Most paths are already absolute and clean; skip the split/join for them.
  if (CLEAN_ABSOLUTE.test(path) && !path.includes('/.')) return path;
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

interface Located {
  root: DirNode;
  /** Callers of locateShared must not modify it. */
  parts: string[];
  readOnly: boolean;
  node: FsNode | undefined;
  gen: number;
}

interface Mount {
  path: string;
  root: DirNode;
  readOnly: boolean;
}

/**
 * One line of the container's mount table as `df` shows it (/proc/mounts in the container):
 * the device or pseudo-filesystem, where it is mounted, its size and what is used of it, in
 * KiB. Only the kubelet knows what backs a volume, so it fills the table; the tree mounts
 * above are what paths resolve through.
 */
export interface MountInfo {
  source: string;
  target: string;
  sizeKiB: number;
  usedKiB(): number;
}

/** Space the files of a tree take on disk, in KiB: each file rounded up to 4 KiB blocks. */
export function treeUsageKiB(dir: DirNode): number {
  let kib = 0;
  for (const n of dir.children.values()) kib += n.kind === 'dir' ? 4 + treeUsageKiB(n) : Math.ceil(n.content.length / 4096) * 4;
  return kib;
}

export class Vfs {
  private mounts: Mount[] = [];
  /** What `df` lists, in /proc/mounts order; empty where nobody described the mounts. */
  mountInfo: MountInfo[] = [];
  /**
   * Path → where it lives; depends only on the mount table, so mount() clears it. `node` is
   * what the path led to when the trees were at generation `gen` (see treeGeneration).
   */
  private located = new Map<string, Located>();

  constructor(
    readonly root: DirNode,
    private readonly now: () => number,
  ) {}

  mount(path: string, root: DirNode, readOnly = false): void {
    const p = normalizePath(path);
    // Make sure the mount point exists in the underlying tree so `ls` of the parent shows it.
    this.mkdirIn(this.root, p.split('/').filter(Boolean), true);
    this.mounts = this.mounts.filter((m) => m.path !== p);
    this.mounts.push({ path: p, root, readOnly });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
    this.located.clear();
  }

  /** Find the tree and the path inside it that serve an absolute path. */
  private locate(path: string): { root: DirNode; parts: string[]; readOnly: boolean } {
    const hit = this.locateShared(path);
    return { root: hit.root, parts: hit.parts.slice(), readOnly: hit.readOnly };
  }

  /** The cached location itself: callers must not modify `parts`. */
  private locateShared(path: string): Located {
    let hit = this.located.get(path);
    if (!hit) {
      hit = this.locateUncached(path);
      if (this.located.size > 512) this.located.clear();
      this.located.set(path, hit);
    }
    return hit;
  }

  private locateUncached(path: string): Located {
    const p = normalizePath(path);
    for (const m of this.mounts) {
      if (p === m.path || p.startsWith(m.path + '/')) {
        return { root: m.root, parts: p.slice(m.path.length).split('/').filter(Boolean), readOnly: m.readOnly, node: undefined, gen: -1 };
      }
    }
    return { root: this.root, parts: p.split('/').filter(Boolean), readOnly: false, node: undefined, gen: -1 };
  }

  stat(path: string): FsNode | undefined {
    const hit = this.locateShared(path);
    if (hit.gen === treeGeneration) return hit.node;
    let node: FsNode | undefined = hit.root;
    for (const part of hit.parts) {
      if (node.kind !== 'dir') {
        node = undefined;
        break;
      }
      const next: FsNode | undefined = node.children.get(part);
      if (!next) {
        node = undefined;
        break;
      }
      node = next;
    }
    hit.node = node;
    hit.gen = treeGeneration;
    return node;
  }

  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.stat(path)?.kind === 'dir';
  }

  readFile(path: string): string {
    const n = this.stat(path);
    if (!n) throw new FsError('ENOENT', path);
    if (n.kind === 'dir') throw new FsError('EISDIR', path);
    return n.content;
  }

  private parentOf(path: string): { dir: DirNode; name: string; readOnly: boolean } {
    const { root, parts, readOnly } = this.locate(path);
    const name = parts.pop();
    if (name === undefined) throw new FsError('EISDIR', path);
    let node: FsNode = root;
    for (const part of parts) {
      if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
      const next: FsNode | undefined = node.children.get(part);
      if (!next) throw new FsError('ENOENT', path);
      node = next;
    }
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    return { dir: node, name, readOnly };
  }

  writeFile(path: string, content: string, append = false): void {
    // Writing to a file that is there (a log line appended) needs no walk of the tree.
    const there = this.stat(path);
    if (there?.kind === 'file') {
      if (this.locateShared(path).readOnly) throw new FsError('EROFS', path);
      there.content = append ? there.content + content : content;
      there.mtime = this.now();
      there.version++;
      return;
    }
    const { dir, name, readOnly } = this.parentOf(path);
    if (readOnly) throw new FsError('EROFS', path);
    const existing = dir.children.get(name);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    const t = this.now();
    if (existing) {
      existing.content = append ? existing.content + content : content;
      existing.mtime = t;
      existing.version++;
    } else {
      dir.children.set(name, { kind: 'file', content, mtime: t, version: 1 });
      dir.mtime = t;
    }
  }

  /** Create an empty file or bump its mtime (touch). */
  touch(path: string): void {
    const n = this.stat(path);
    if (n) {
      n.mtime = this.now();
      return;
    }
    this.writeFile(path, '');
  }

  private mkdirIn(root: DirNode, parts: string[], parents: boolean): void {
    let node: DirNode = root;
    parts.forEach((part, i) => {
      const next = node.children.get(part);
      if (next?.kind === 'file') throw new FsError('ENOTDIR', '/' + parts.slice(0, i + 1).join('/'));
      if (next) {
        node = next;
        return;
      }
      if (!parents && i < parts.length - 1) throw new FsError('ENOENT', '/' + parts.slice(0, i + 1).join('/'));
      const d = newDir(this.now());
      node.children.set(part, d);
      node = d;
    });
  }

  mkdir(path: string, parents = false): void {
    const existing = this.stat(path);
    if (existing) {
      if (parents && existing.kind === 'dir') return;
      throw new FsError('EEXIST', path);
    }
    const { root, parts, readOnly } = this.locate(path);
    if (readOnly) throw new FsError('EROFS', path);
    this.mkdirIn(root, parts, parents);
  }

  remove(path: string, recursive = false): void {
    const { dir, name, readOnly } = this.parentOf(path);
    if (readOnly) throw new FsError('EROFS', path);
    const n = dir.children.get(name);
    if (!n) throw new FsError('ENOENT', path);
    if (n.kind === 'dir' && !recursive) throw new FsError('EISDIR', path);
    dir.children.delete(name);
    dir.mtime = this.now();
  }

  list(path: string): string[] {
    const n = this.stat(path);
    if (!n) throw new FsError('ENOENT', path);
    if (n.kind === 'file') return [normalizePath(path).split('/').pop() ?? ''];
    const names = new Set(n.children.keys());
    // Mount points directly below this directory are visible even if the tree lacks them.
    const p = normalizePath(path);
    for (const m of this.mounts) {
      const parent = m.path.slice(0, m.path.lastIndexOf('/')) || '/';
      if (parent === p) names.add(m.path.slice(m.path.lastIndexOf('/') + 1));
    }
    return [...names].sort();
  }
}

/** Build a directory tree from a flat map of absolute paths to file contents. */
export function treeFrom(files: Record<string, string>, mtime = 0): DirNode {
  const root = newDir(mtime);
  for (const [path, content] of Object.entries(files)) {
    const parts = normalizePath(path).split('/').filter(Boolean);
    const name = parts.pop();
    if (!name) continue;
    let dir = root;
    for (const part of parts) {
      let next = dir.children.get(part);
      if (!next || next.kind !== 'dir') {
        next = newDir(mtime);
        dir.children.set(part, next);
      }
      dir = next;
    }
    if (path.endsWith('/')) dir.children.set(name, newDir(mtime));
    else if (content === '->/dev/stdout' || content === '->/dev/stderr') {
      dir.children.set(name, { kind: 'file', content: '', mtime, version: 1, link: content.slice(2) as '/dev/stdout' | '/dev/stderr' });
    } else dir.children.set(name, { kind: 'file', content, mtime, version: 1 });
  }
  return root;
}
