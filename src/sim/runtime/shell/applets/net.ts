// Network applets on top of ctx.net: nslookup (two output formats), wget, nc.

import type { DnsAnswer, Proc } from '../../process.ts';
import type { Applet, AppletEnv } from '../types.ts';
import { abs, err, out } from './util.ts';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function versionOf(v: string): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : [1, 36];
}

/** busybox before 1.29 used libc's resolver and the old "Address 1:" format. */
export function legacyNslookup(version: string): boolean {
  const [maj, min] = versionOf(version);
  return maj === 1 && min < 29;
}

function stripDot(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

/** The search list of /etc/resolv.conf (busybox 1.30+ applies it to dotless names only). */
function searchDomains(env: AppletEnv): string[] {
  const n = env.ctx.fs.stat('/etc/resolv.conf');
  if (n?.kind !== 'file') return [];
  let search: string[] = [];
  for (const line of n.content.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'search') search = rest;
    else if (key === 'domain' && search.length === 0) search = rest;
  }
  return search.filter((d) => d && d !== '.');
}

export const nslookup: Applet = (argv, env) => {
  const operands = argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = operands[0];
  if (name === undefined || operands.length > 2) {
    err(env, 'nslookup', 'usage: nslookup HOST [DNS_SERVER]');
    return 1;
  }
  return legacyNslookup(env.version) ? nslookupLegacy(env, name) : nslookupModern(env, name);
};

function nslookupLegacy(env: AppletEnv, name: string): number {
  const net = env.ctx.net;
  const server = net.dnsServer;
  out(env, `Server:    ${server.ip}\nAddress 1: ${server.ip}${server.name ? ` ${server.name}` : ''}\n\n`);
  let ips: string[];
  if (IPV4.test(name)) ips = [name];
  else ips = net.resolve(name)?.ips ?? [];
  if (ips.length === 0) {
    err(env, 'nslookup', `can't resolve '${name}'`);
    return 1;
  }
  let text = `Name:      ${name}\n`;
  ips.forEach((ip, i) => {
    const rev = net.reverse(ip);
    text += `Address ${i + 1}: ${ip}${rev ? ` ${rev}` : ''}\n`;
  });
  out(env, text);
  return 0;
}

function nslookupModern(env: AppletEnv, name: string): number {
  const net = env.ctx.net;
  const server = net.dnsServer;
  let text = `Server:\t\t${server.ip}\nAddress:\t${server.ip}:53\n\n`;
  let status = 0;
  const ip = IPV4.exec(name);
  if (ip) {
    const ptr = `${ip[4]}.${ip[3]}.${ip[2]}.${ip[1]}.in-addr.arpa`;
    const rev = net.reverse(name);
    if (rev) text += `${ptr}\tname = ${rev}\n\n`;
    else {
      text += `** server can't find ${ptr}: NXDOMAIN\n\n`;
      status = 1;
    }
    out(env, text);
    return status;
  }
  const [, minor] = versionOf(env.version);
  const search = minor >= 30 && !name.includes('.') ? searchDomains(env) : [];
  const queries = search.length ? search.map((d) => `${name}.${d}`) : [stripDot(name)];
  const exact = (q: string): DnsAnswer | undefined => {
    const a = net.resolve(q);
    return a && stripDot(a.name) === q && (a.kind === 'CNAME' || a.ips.length > 0) ? a : undefined;
  };
  for (const type of ['A', 'AAAA'] as const) {
    for (const q of queries) {
      const a = exact(q);
      if (!a) {
        text += `** server can't find ${q}: NXDOMAIN\n\n`;
        status = 1;
        continue;
      }
      // CoreDNS answers for the cluster zone with the authoritative bit set.
      if (!/\.cluster\.local$/.test(q)) text += 'Non-authoritative answer:\n';
      if (a.kind === 'CNAME') text += `${q}\tcanonical name = ${a.target}\n`;
      if (type === 'A') {
        const shown = a.kind === 'CNAME' ? a.target : q;
        for (const addr of a.ips) text += `Name:\t${shown}\nAddress: ${addr}\n`;
      }
      text += '\n';
    }
  }
  out(env, text);
  return status;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

interface WgetOpts {
  quiet: boolean;
  output: string | null;
  timeoutSec: number;
  headers: boolean;
  spider: boolean;
  prefix: string | null;
  url: string | null;
}

function wgetOptions(argv: string[], env: AppletEnv): WgetOpts | null {
  const o: WgetOpts = { quiet: false, output: null, timeoutSec: 900, headers: false, spider: false, prefix: null, url: null };
  const withValue = new Set(['O', 'T', 't', 'U', 'P', 'Y', 'o']);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [key, val] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const value = (): string => val ?? argv[++i] ?? '';
      if (key === 'quiet') o.quiet = true;
      else if (key === 'spider') o.spider = true;
      else if (key === 'server-response') o.headers = true;
      else if (key === 'output-document') o.output = value();
      else if (key === 'timeout') o.timeoutSec = Number(value()) || 900;
      else if (key === 'directory-prefix') o.prefix = value();
      else if (['tries', 'user-agent', 'header', 'post-data', 'proxy', 'output-file'].includes(key)) value();
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (withValue.has(c)) {
          const v = a.slice(j + 1) || argv[++i] || '';
          if (c === 'O') o.output = v;
          else if (c === 'T') o.timeoutSec = Number(v) || 900;
          else if (c === 'P') o.prefix = v;
          break;
        }
        if (c === 'q') o.quiet = true;
        else if (c === 'S') o.headers = true;
        else if (c === 's') o.spider = true;
        else if (c !== 'c') {
          err(env, 'wget', `invalid option -- '${c}'`);
          return null;
        }
      }
      continue;
    }
    if (o.url === null) o.url = a;
  }
  return o;
}

function progressLine(name: string, size: number): string {
  let v = size;
  let unit = ' ';
  for (const u of 'kMGT') {
    if (v < 100000) break;
    v = Math.floor(v / 1024);
    unit = u;
  }
  return `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${String(v).padStart(5)}${unit} 0:00:00 ETA\n`;
}

/**
 * busybox wget: GET over ctx.net.http, body to stdout (-O -) or a file named after the URL's
 * last path part; progress and errors on stderr in busybox's words.
 */
export const wget: Applet = (argv, env) => {
  const o = wgetOptions(argv, env);
  if (!o) return 1;
  if (o.url === null) {
    err(env, 'wget', 'usage: wget [-q] [-O FILE] [-T SEC] [-S] [--spider] URL');
    return 1;
  }
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#]*)([^#]*)/.exec(o.url)!;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    err(env, 'wget', `not an http or ftp url: ${o.url}`);
    return 1;
  }
  const hostPort = m[2]!.replace(/^[^@]*@/, '');
  let path = m[3] || '/';
  if (!path.startsWith('/')) path = `/${path}`;
  const pm = /^(.*?)(?::(\d+))?$/.exec(hostPort)!;
  const host = pm[1]!;
  const port = pm[2] ? Number(pm[2]) : scheme === 'https' ? 443 : 80;
  return fetch(env, o, host, hostPort, port, path);
};

function* fetch(env: AppletEnv, o: WgetOpts, host: string, hostPort: string, port: number, firstPath: string): Proc {
  const net = env.ctx.net;
  const ip = IPV4.test(host) ? host : net.resolve(host)?.ips[0];
  if (!host || ip === undefined) {
    err(env, 'wget', `bad address '${hostPort}'`);
    return 1;
  }
  if (!o.quiet) env.ctx.stderr(`Connecting to ${hostPort} (${ip}:${port})\n`);
  let path = firstPath;
  for (let redirects = 0; ; redirects++) {
    const res = net.http(host, port, path);
    if (!res.ok) {
      switch (res.error) {
        case 'unresolved':
          err(env, 'wget', `bad address '${hostPort}'`);
          return 1;
        case 'refused':
          err(env, 'wget', `can't connect to remote host (${ip}): Connection refused`);
          return 1;
        case 'unreachable':
          err(env, 'wget', `can't connect to remote host (${ip}): No route to host`);
          return 1;
        case 'timeout':
          yield { type: 'sleep', ms: o.timeoutSec * 1000 };
          err(env, 'wget', 'download timed out');
          return 1;
      }
    }
    const r = res.response;
    const statusLine = `HTTP/1.1 ${r.status} ${REASONS[r.status] ?? ''}`.trimEnd();
    if (o.headers) {
      let h = `  ${statusLine}\n`;
      for (const [k, v] of Object.entries(r.headers ?? {})) h += `  ${k}: ${v}\n`;
      env.ctx.stderr(h);
    }
    const location = Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (r.status >= 300 && r.status < 400 && location) {
      if (redirects >= 4) {
        err(env, 'wget', 'too many redirections');
        return 1;
      }
      const lm = /^(?:https?:\/\/[^/]*)?(\/.*)?$/.exec(location);
      path = lm?.[1] ?? '/';
      continue;
    }
    if (r.status < 200 || r.status >= 300) {
      err(env, 'wget', `server returned error: ${statusLine}`);
      return 1;
    }
    if (o.spider) {
      if (!o.quiet) env.ctx.stderr('remote file exists\n');
      return 0;
    }
    const body = r.status === 204 ? '' : r.body;
    const toStdout = o.output === '-';
    let name = o.output;
    if (name === null) {
      const last = path.split('?')[0]!.split('/').pop() ?? '';
      name = last || 'index.html';
      if (o.prefix) name = `${o.prefix.replace(/\/$/, '')}/${name}`;
    }
    if (!toStdout) {
      try {
        env.ctx.fs.writeFile(abs(env, name), '');
      } catch {
        err(env, 'wget', `can't open '${name}': No such file or directory`);
        return 1;
      }
    }
    if (!o.quiet) env.ctx.stderr(toStdout ? 'writing to stdout\n' : `saving to '${name}'\n`);
    if (toStdout) out(env, body);
    else env.ctx.fs.writeFile(abs(env, name), body);
    if (!o.quiet) {
      const shown = toStdout ? '-' : name.slice(name.lastIndexOf('/') + 1);
      env.ctx.stderr(progressLine(shown, new TextEncoder().encode(body).length));
      env.ctx.stderr(toStdout ? 'written to stdout\n' : `'${name}' saved\n`);
    }
    return 0;
  }
}

/** A minimal nc: `nc -z host port` probes; `echo LINE | nc host port` exchanges lines. */
export const nc: Applet = (argv, env) => {
  let zero = false;
  let verbose = false;
  const ops: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^-[zvnw]+/.test(a)) {
      if (a.includes('z')) zero = true;
      if (a.includes('v')) verbose = true;
      if (a.endsWith('w') || a === '-w') i++;
    } else if (a.startsWith('-')) continue;
    else ops.push(a);
  }
  const [host, portStr] = ops;
  const port = Number(portStr);
  if (!host || !Number.isInteger(port)) {
    err(env, 'nc', 'usage: nc [-z] [-v] HOST PORT');
    return 1;
  }
  const net = env.ctx.net;
  const ip = IPV4.test(host) ? host : net.resolve(host)?.ips[0];
  if (ip === undefined) {
    err(env, 'nc', `bad address '${host}'`);
    return 1;
  }
  if (zero) {
    const r = net.tcp(host, port, '');
    if (!r.ok) {
      if (verbose) err(env, 'nc', `${host} (${ip}:${port}): Connection refused`);
      return 1;
    }
    if (verbose) env.ctx.stderr(`${host} (${ip}:${port}) open\n`);
    return 0;
  }
  let status = 0;
  for (;;) {
    const line = env.stdin.readLine();
    if (line === null) break;
    const r = net.tcp(host, port, line);
    if (!r.ok) {
      err(env, 'nc', `can't connect to remote host (${ip}): Connection refused`);
      status = 1;
      break;
    }
    out(env, r.reply.endsWith('\n') ? r.reply : `${r.reply}\n`);
  }
  return status;
};
