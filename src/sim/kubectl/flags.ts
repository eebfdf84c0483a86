// pflag-style argument parsing, with kubectl's error texts. Each command declares its flags;
// global flags (-n, -A ...) are shared.

export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean;
}

export interface Parsed {
  args: string[];
  /** Everything after a bare `--`. */
  dashArgs: string[] | undefined;
  flags: Map<string, string | number | boolean | string[]>;
}

export class FlagError extends Error {}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'request-timeout', type: 'string' },
];

export function parseFlags(argv: string[], specs: FlagSpec[], command: string): Parsed {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: Parsed = { args: [], dashArgs: undefined, flags: new Map() };
  const set = (spec: FlagSpec, raw: string | undefined, shown: string): void => {
    if (spec.type === 'bool') {
      if (raw === undefined || raw === 'true') out.flags.set(spec.name, true);
      else if (raw === 'false') out.flags.set(spec.name, false);
      else throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      return;
    }
    if (raw === undefined) throw new FlagError(`flag needs an argument: ${shown}`);
    if (spec.type === 'int') {
      if (!/^-?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      out.flags.set(spec.name, Number(raw));
    } else if (spec.type === 'strings') {
      const prev = (out.flags.get(spec.name) as string[] | undefined) ?? [];
      out.flags.set(spec.name, [...prev, raw]);
    } else out.flags.set(spec.name, raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.dashArgs = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}\nSee 'kubectl ${command} --help' for usage.`);
      if (eq >= 0) set(spec, a.slice(eq + 1), `--${name}`);
      else if (spec.type === 'bool') set(spec, undefined, `--${name}`);
      else set(spec, argv[++i], `--${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      // Short flags can be combined (-it) and take a value attached (-nkube-system) or next.
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        const spec = byShort.get(ch);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}\nSee 'kubectl ${command} --help' for usage.`);
        if (spec.type === 'bool') {
          if (a[j + 1] === '=') {
            set(spec, a.slice(j + 2), `-${ch}, --${spec.name}`);
            break;
          }
          set(spec, undefined, `-${ch}`);
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest.length) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, `-${ch}, --${spec.name}`);
        else set(spec, argv[++i], `-${ch}, --${spec.name}`);
        break;
      }
      continue;
    }
    out.args.push(a);
  }
  for (const s of all) if (!out.flags.has(s.name) && s.default !== undefined) out.flags.set(s.name, s.default);
  return out;
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return v === undefined ? undefined : String(v);
}

export function bool(p: Parsed, name: string): boolean {
  return p.flags.get(name) === true;
}

export function strings(p: Parsed, name: string): string[] {
  const v = p.flags.get(name);
  return Array.isArray(v) ? v : v === undefined ? [] : [String(v)];
}

export function int(p: Parsed, name: string): number | undefined {
  const v = p.flags.get(name);
  return typeof v === 'number' ? v : undefined;
}
