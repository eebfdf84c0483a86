// busybox df over a mount table: the format of coreutils/df.c and libbb's human-readable sizes.
import { describe, expect, it } from 'vitest';
import { runShell } from '../index.ts';
import { drive, fakeProcess } from '../testkit.ts';
import { humanReadable } from './disk.ts';

function df(args: string) {
  const p = fakeProcess({ files: { '/data/a.txt': 'x'.repeat(5000) } });
  p.ctx.fs.mountInfo = [
    { source: 'overlay', target: '/', sizeKiB: 20134592, usedKiB: () => 5904812 },
    { source: '/dev/sdb', target: '/data', sizeKiB: 19102734, usedKiB: () => 43955 },
    { source: 'fileserver.example.com:/exports/shared', target: '/shared', sizeKiB: 1048576, usedKiB: () => 524288 },
    { source: 'tmpfs', target: '/empty', sizeKiB: 0, usedKiB: () => 0 },
  ];
  p.ctx.fs.mkdir('/shared', true);
  const r = drive(runShell(`df ${args}`, p.ctx, {}), p.clock);
  return { code: r.status, out: p.stdout(), err: p.stderr() };
}

describe('df', () => {
  it.each([
    [0, 1024, '0'],
    [43955, 1024, '43955'],
    [43955, 1024 * 1024, '43'],
    [65536, 0, '64.0M'],
    [12, 0, '12.0K'],
    [19102734, 0, '18.2G'],
    [20134592, 0, '19.2G'],
    [1048575, 0, '1024.0M'],
    [1048576, 0, '1.0G'],
  ])('make_human_readable_str(%i KiB, unit %i) = %s', (kib, unit, text) => {
    expect(humanReadable(kib, unit)).toBe(text);
  });

  it('lists every mount in 1K blocks, rounding Use% as busybox does, and gives a long device name its own line', () => {
    const r = df('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Filesystem           1K-blocks      Used Available Use% Mounted on',
        'overlay               20134592   5904812  14229780  29% /',
        '/dev/sdb              19102734     43955  19058779   0% /data',
        'fileserver.example.com:/exports/shared',
        '                       1048576    524288    524288  50% /shared',
        'tmpfs                        0         0         0   0% /empty',
        '',
      ].join('\n'),
    );
  });

  it('finds the mount of each operand; -h, -m and -P change the units and the header', () => {
    expect(df('-h /data/a.txt').out).toBe('Filesystem                Size      Used Available Use% Mounted on\n/dev/sdb                 18.2G     42.9M     18.2G   0% /data\n');
    expect(df('-m /data').out).toBe('Filesystem           1M-blocks      Used Available Use% Mounted on\n/dev/sdb                 18655        43     18612   0% /data\n');
    expect(df('-P /').out.split('\n')[0]).toBe('Filesystem           1K-blocks      Used Available Capacity Mounted on');
  });

  it('says which operand has no mount point, goes on with the others and fails', () => {
    const r = df('/nope /data');
    expect(r.code).toBe(1);
    expect(r.err).toBe("df: /nope: can't find mount point\n");
    expect(r.out).toContain('/dev/sdb');
  });

  it('rejects an unknown option as busybox does', () => {
    const r = df('-z');
    expect(r.code).toBe(1);
    expect(r.err).toBe("df: invalid option -- 'z'\n");
  });
});
