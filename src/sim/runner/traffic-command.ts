// The workstation's `traffic` command: a load generator a person starts from the terminal,
// so that starting and stopping traffic are recorded command lines like any other and a
// rewind (a replay of the lines) brings the same requests back at the same instants.
//
//   traffic start TARGET [--rate N] [--name NAME] [-n NS] [-H 'Host: NAME']
//   traffic stop [NAME | --all]
//   traffic status
//
// TARGET is svc/NAME[:PORT][/path] (through the Service's cluster IP) or
// http://HOST[:PORT][/path] (a NodePort on a node IP, a load balancer IP, an Ingress through
// the ingress controller's NodePort). The sources run on the virtual clock after the command
// has returned; the cluster's TrafficRegistry holds them.

import type { Cluster } from '../cluster.ts';
import type { Job, Output } from '../kubectl/types.ts';
import type { ProcessContext } from '../runtime/process.ts';
import type { NamedTraffic, TrafficResult, TrafficTarget } from '../traffic.ts';

const MAX_RATE = 100;
const DEFAULT_RATE = 10;

const USAGE = `Usage:
  traffic start TARGET [--rate N] [--name NAME] [-n NAMESPACE] [-H 'Host: NAME']
  traffic stop [NAME | --all]
  traffic status

TARGET is svc/NAME[:PORT][/PATH] or http://HOST[:PORT][/PATH].
`;

interface Parsed {
  positional: string[];
  rate?: string;
  name?: string;
  namespace?: string;
  host?: string;
  all: boolean;
  error?: string;
}

function parseArgs(args: readonly string[]): Parsed {
  const p: Parsed = { positional: [], all: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (flag === '--rate' || flag === '-r') p.rate = value() ?? '';
    else if (flag === '--name') p.name = value() ?? '';
    else if (flag === '-n' || flag === '--namespace') p.namespace = value() ?? '';
    else if (flag === '-H' || flag === '--header') {
      const h = value() ?? '';
      const m = /^\s*host\s*:\s*(.+?)\s*$/i.exec(h);
      if (!m) p.error = `only a Host header is supported, not "${h}"`;
      else p.host = m[1]!;
    } else if (flag === '--all' || flag === '-A') p.all = true;
    else if (a.startsWith('-') && a !== '-') p.error = `unknown flag: ${a}`;
    else p.positional.push(a);
  }
  return p;
}

/** Parse TARGET; the namespace applies to svc/ targets only. */
export function parseTarget(text: string, namespace: string): TrafficTarget | string {
  const svc = /^(?:svc|service|services)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?::(\d+))?(\/.*)?$/.exec(text);
  if (svc) {
    const t: TrafficTarget = { kind: 'service', namespace, name: svc[1]! };
    if (svc[3]) t.port = Number(svc[3]);
    if (svc[4]) t.path = svc[4];
    return t;
  }
  const url = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(text);
  if (url) {
    const t: TrafficTarget = { kind: 'address', host: url[1]!, port: url[2] ? Number(url[2]) : 80 };
    if (url[3]) t.path = url[3];
    return t;
  }
  if (/^https:\/\//.test(text)) return `https is not supported, use http://: ${text}`;
  return `invalid target "${text}": use svc/NAME[:PORT][/PATH] or http://HOST[:PORT][/PATH]`;
}

function defaultName(t: TrafficTarget): string {
  return t.kind === 'service' ? t.name : `${t.host.replace(/[^a-z0-9]+/gi, '-')}-${t.port}`;
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('')).join('\n') + '\n';
}

/** "200 from web-7c9d (v2)", "503", "error: dial tcp ...": what the last request got. */
export function describeAnswer(r: TrafficResult | undefined): string {
  if (!r) return '<none>';
  if (r.status === undefined) return `error: ${r.error ?? 'failed'}`;
  const pod = r.pod ? ` from ${r.pod.slice(r.pod.indexOf('/') + 1)}` : '';
  return `${r.status}${pod}${r.version ? ` (${r.version})` : ''}`;
}

function counts(e: NamedTraffic): string {
  const s = e.source.summary();
  return `${s.total} sent, ${s.ok} ok, ${s.failed} failed`;
}

function rateText(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}

/** Run `traffic ARGS...` (without the word "traffic") against the cluster; the exit code. */
export function runTraffic(cluster: Cluster, args: readonly string[], namespace: string, o: Output): number {
  const [sub, ...rest] = args;
  const p = parseArgs(rest);
  const reg = cluster.trafficRegistry;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    (sub === undefined ? o.err : o.out)(USAGE);
    return sub === undefined ? 1 : 0;
  }
  if (p.error) {
    o.err(`traffic: ${p.error}\n`);
    return 1;
  }
  if (sub === 'start') {
    if (p.positional.length !== 1) {
      o.err(`traffic: start needs exactly one TARGET\n${USAGE}`);
      return 1;
    }
    const label = p.positional[0]!;
    const target = parseTarget(label, p.namespace ?? namespace);
    if (typeof target === 'string') {
      o.err(`traffic: ${target}\n`);
      return 1;
    }
    if (p.host !== undefined) {
      if (target.kind !== 'address') {
        o.err('traffic: -H Host: applies to http:// targets only\n');
        return 1;
      }
      target.hostHeader = p.host;
    }
    const rate = p.rate === undefined ? DEFAULT_RATE : Number(p.rate);
    if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE) {
      o.err(`traffic: invalid --rate "${p.rate ?? ''}": must be a number above 0 and at most ${MAX_RATE}\n`);
      return 1;
    }
    if (p.name !== undefined && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(p.name)) {
      o.err(`traffic: invalid --name "${p.name}": use lower-case letters, digits, '-' and '.'\n`);
      return 1;
    }
    const name = p.name ?? reg.freeName(defaultName(target));
    if (reg.get(name)) {
      o.err(`traffic: "${name}" is already running; stop it first or choose another --name\n`);
      return 1;
    }
    if (target.kind === 'service' && !cluster.store.get('Service', target.namespace, target.name)) {
      // Starting before the Service exists is allowed (requests fail until it does), as a
      // real load generator would; say so, since it is usually a typo.
      o.err(`warning: service "${target.name}" not found in namespace "${target.namespace ?? 'default'}"; requests fail until it exists\n`);
    }
    reg.start(name, label, target, rate);
    o.out(`traffic "${name}" started: ${rateText(rate)} requests/s to ${label}${target.kind === 'address' && target.hostHeader ? ` (Host: ${target.hostHeader})` : ''}\n`);
    return 0;
  }
  if (sub === 'stop') {
    const running = reg.list();
    let names: string[];
    if (p.all) names = running.map((e) => e.name);
    else if (p.positional.length) names = p.positional;
    else if (running.length === 1) names = [running[0]!.name];
    else if (running.length === 0) {
      o.err('traffic: no traffic is running\n');
      return 1;
    } else {
      o.err(`traffic: more than one source is running (${running.map((e) => e.name).join(', ')}): name one or use --all\n`);
      return 1;
    }
    let code = 0;
    for (const n of names) {
      const e = reg.stop(n);
      if (!e) {
        o.err(`traffic: "${n}" is not running\n`);
        code = 1;
        continue;
      }
      o.out(`traffic "${n}" stopped: ${counts(e)}\n`);
    }
    return code;
  }
  if (sub === 'status' || sub === 'list' || sub === 'ls') {
    const running = reg.list();
    if (!running.length) {
      o.out('No traffic is running.\n');
      return 0;
    }
    const rows = [['NAME', 'TARGET', 'RATE', 'SENT', 'OK', 'FAILED', 'LAST ANSWER']];
    for (const e of running) {
      const s = e.source.summary();
      rows.push([e.name, e.label, `${rateText(e.source.perSecond)}/s`, String(s.total), String(s.ok), String(s.failed), describeAnswer(e.source.results.at(-1))]);
    }
    o.out(pad(rows));
    return 0;
  }
  o.err(`traffic: unknown command "${sub}"\n${USAGE}`);
  return 1;
}

/** `traffic` as a command of the workstation's shell (so pipes and `&&` work too). */
export function trafficShellCommand(cluster: Cluster, namespace: () => string): (argv: string[], ctx: ProcessContext) => Job {
  return function* (argv, ctx) {
    return runTraffic(cluster, argv.slice(1), namespace(), { out: (t) => ctx.stdout(t), err: (t) => ctx.stderr(t) });
  };
}
