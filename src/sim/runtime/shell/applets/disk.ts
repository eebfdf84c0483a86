// busybox df (coreutils/df.c, 1.36): the mount table the kubelet described for the container
// (Vfs.mountInfo), one line per filesystem with a size, in 1K blocks (-k, the default), 1M
// blocks (-m) or human-readable sizes (-h); -P prints "Capacity" for "Use%".

import { normalizePath, type MountInfo } from '../../vfs.ts';
import type { Applet } from '../types.ts';
import { err, getopt, out } from './util.ts';

const UNITS = ['', 'K', 'M', 'G', 'T', 'P', 'E'];

/**
 * libbb's make_human_readable_str: `displayUnit` 0 picks a unit and prints one decimal
 * ("19.6G", "64.0M"); otherwise the value in that unit, rounded ("20511312").
 */
export function humanReadable(valueKiB: number, displayUnit: number): string {
  let val = valueKiB * 1024;
  if (val === 0) return '0';
  if (displayUnit) return String(Math.floor((val + displayUnit / 2) / displayUnit));
  let u = 0;
  let frac = 0;
  while (val >= 1024) {
    u++;
    frac = Math.floor(((val % 1024) * 10 + 512) / 1024);
    val = Math.floor(val / 1024);
  }
  if (u === 0) return String(val);
  if (frac >= 10) {
    val++;
    frac = 0;
  }
  return `${val}.${frac}${UNITS[u]}`;
}

/** The mount a path is on: the one with the longest matching mount point. */
function mountOf(table: readonly MountInfo[], path: string): MountInfo | undefined {
  let best: MountInfo | undefined;
  for (const m of table) {
    const inside = m.target === '/' || path === m.target || path.startsWith(m.target + '/');
    if (inside && (!best || m.target.length >= best.target.length)) best = m;
  }
  return best;
}

export const df: Applet = (argv, env) => {
  const o = getopt(env, 'df', argv, 'kPmhaiB:T');
  if (!o) return 1;
  let unit = 1024;
  let header = '1K-blocks';
  if (o.flags.has('m')) {
    unit = 1024 * 1024;
    header = '1M-blocks';
  }
  if (o.flags.has('h')) {
    unit = 0;
    header = '     Size';
  }
  const table = env.ctx.fs.mountInfo;
  out(env, `Filesystem           ${header.padEnd(15)}Used Available ${o.flags.has('P') ? 'Capacity' : 'Use%'} Mounted on\n`);
  let status = 0;
  const operands = o.rest.length ? o.rest : undefined;
  for (const operand of operands ?? table) {
    let m: MountInfo | undefined;
    if (typeof operand !== 'string') m = operand;
    else {
      const path = normalizePath(operand, env.ctx.cwd);
      m = env.ctx.fs.exists(path) ? mountOf(table, path) : undefined;
      if (!m) {
        err(env, 'df', `${operand}: can't find mount point`);
        status = 1;
        continue;
      }
    }
    let text = '';
    const used = Math.min(m.usedKiB(), m.sizeKiB);
    const avail = m.sizeKiB - used;
    const pct = used + avail ? Math.floor((used * 100 + Math.floor((used + avail) / 2)) / (used + avail)) : 0;
    // A device name longer than 20 columns gets a line of its own (busybox does the same).
    text += m.source.length > 20 ? `${m.source}\n${''.padEnd(20)}` : m.source.padEnd(20);
    text += ` ${humanReadable(m.sizeKiB, unit).padStart(9)} ${humanReadable(used, unit).padStart(9)} ${humanReadable(avail, unit).padStart(9)} ${String(pct).padStart(3)}% ${m.target}\n`;
    out(env, text);
  }
  return status;
};
