// -o yaml | json | name | jsonpath=... | custom-columns=...: kubectl's structured outputs.

import { Document, isScalar, visit } from 'yaml';
import type { KubeObject } from '../store/types.ts';
import { KUBE_YAML } from '../yaml.ts';
import type { ObjectStore } from '../store/store.ts';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const val = (v as Record<string, unknown>)[k];
      if (val !== undefined) out[k] = sortKeys(val);
    }
    return out;
  }
  return v;
}

/** YAML as kubectl prints it (sigs.k8s.io/yaml: keys sorted, sequences not indented). */
export function toYaml(obj: unknown): string {
  const doc = new Document(sortKeys(obj), KUBE_YAML);
  // go-yaml quotes strings a YAML 1.1 reader would take for something else; timestamps are
  // the ones that show up in every object.
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^\d{4}-\d\d-\d\d([Tt ]|$)/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, minContentWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', nullStr: 'null' });
}

/** JSON as kubectl prints it: 4-space indent, keys sorted (Go marshals maps sorted). */
export function toJson(obj: unknown): string {
  return JSON.stringify(sortKeys(obj), null, 4) + '\n';
}

export function listOf(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

export function nameOf(store: ObjectStore, o: KubeObject): string {
  const info = store.info(o.kind);
  const kind = o.kind.toLowerCase();
  return `${info.group ? `${kind}.${info.group}` : kind}/${o.metadata.name}`;
}

// ------------------------------------------------------------------ jsonpath

type Seg = { kind: 'field'; name: string } | { kind: 'index'; index: number | '*' } | { kind: 'filter'; path: string[]; value: string } | { kind: 'recursive'; name: string };

function parsePath(expr: string): Seg[] {
  const segs: Seg[] = [];
  let s = expr.trim();
  if (s.startsWith('$')) s = s.slice(1);
  if (s === '@' || s === '') return segs;
  if (s.startsWith('@')) s = s.slice(1);
  // A field may contain `/` and escaped dots: {.metadata.annotations.deployment\.kubernetes\.io/revision}.
  const re = /\.\.([A-Za-z0-9_\-$]+)|\.((?:[A-Za-z0-9_\-$/]|\\\.)+|\*)|\[(\*|-?\d+)\]|\[\?\(@\.([A-Za-z0-9_.-]+)\s*==\s*["']([^"']*)["']\)\]|\['([^']+)'\]|\["([^"]+)"\]/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < s.length && (m = re.exec(s))) {
    if (m[1]) segs.push({ kind: 'recursive', name: m[1] });
    else if (m[2]) segs.push(m[2] === '*' ? { kind: 'index', index: '*' } : { kind: 'field', name: m[2].replace(/\\\./g, '.') });
    else if (m[3]) segs.push({ kind: 'index', index: m[3] === '*' ? '*' : Number(m[3]) });
    else if (m[4]) segs.push({ kind: 'filter', path: m[4].split('.'), value: m[5] ?? '' });
    else if (m[6] ?? m[7]) segs.push({ kind: 'field', name: (m[6] ?? m[7])! });
  }
  if (re.lastIndex !== s.length && s.length > 0) throw new Error(`unrecognized identifier ${s.slice(re.lastIndex)}`);
  return segs;
}

function walk(values: unknown[], seg: Seg): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (seg.kind === 'field') {
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, seg.name)) out.push((v as Record<string, unknown>)[seg.name]);
    } else if (seg.kind === 'index') {
      const arr = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
      if (seg.index === '*') out.push(...arr);
      else {
        const i = seg.index < 0 ? arr.length + seg.index : seg.index;
        if (i >= 0 && i < arr.length) out.push(arr[i]);
      }
    } else if (seg.kind === 'filter') {
      for (const item of Array.isArray(v) ? v : []) {
        let cur: unknown = item;
        for (const p of seg.path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
        if (String(cur) === seg.value) out.push(item);
      }
    } else {
      const visit = (x: unknown): void => {
        if (Array.isArray(x)) x.forEach(visit);
        else if (x && typeof x === 'object') {
          for (const [k, val] of Object.entries(x)) {
            if (k === seg.name) out.push(val);
            visit(val);
          }
        }
      };
      visit(v);
    }
  }
  return out;
}

function render(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(sortKeys(v));
  return String(v);
}

export function evalPath(root: unknown, expr: string): unknown[] {
  return parsePath(expr).reduce<unknown[]>((vals, seg) => walk(vals, seg), [root]);
}

/** kubectl's jsonpath template: {.a.b}, {.items[*].x}, {range ...}{end}, literal text, {"\n"}. */
export function jsonpath(root: unknown, template: string): string {
  const tokens: { text?: string; expr?: string }[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      tokens.push({ text: template.slice(i) });
      break;
    }
    if (open > i) tokens.push({ text: template.slice(i, open) });
    const close = template.indexOf('}', open);
    if (close < 0) throw new Error('unclosed action');
    tokens.push({ expr: template.slice(open + 1, close).trim() });
    i = close + 1;
  }
  const unescape = (t: string): string => t.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  const exec = (toks: typeof tokens, ctx: unknown): string => {
    let out = '';
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k]!;
      if (t.text !== undefined) {
        out += unescape(t.text);
        continue;
      }
      const e = t.expr!;
      if (e.startsWith('range ')) {
        let depth = 1;
        let j = k + 1;
        for (; j < toks.length; j++) {
          const x = toks[j]!.expr;
          if (x?.startsWith('range ')) depth++;
          if (x === 'end' && --depth === 0) break;
        }
        const body = toks.slice(k + 1, j);
        for (const item of evalPath(ctx, e.slice(6))) out += exec(body, item);
        k = j;
        continue;
      }
      if (e === 'end') continue;
      if (/^".*"$/.test(e) || /^'.*'$/.test(e)) {
        out += unescape(e.slice(1, -1));
        continue;
      }
      out += evalPath(ctx, e).map(render).join(' ');
    }
    return out;
  };
  return exec(tokens, root);
}

/** custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image */
export function customColumns(spec: string, objects: KubeObject[]): string[][] {
  const cols = spec.split(',').map((c) => {
    const idx = c.indexOf(':');
    return { header: c.slice(0, idx), path: c.slice(idx + 1) };
  });
  const rows = objects.map((o) =>
    cols.map((c) => {
      const vals = evalPath(o, c.path.startsWith('.') || c.path.startsWith('$') ? c.path : `.${c.path}`);
      return vals.length ? vals.map(render).join(',') : '<none>';
    }),
  );
  return [cols.map((c) => c.header), ...rows];
}

/**
 * What `create ... --dry-run=client -o yaml` prints: the typed Go object, so a null
 * creationTimestamp (on a pod template too), no namespace, and the zero-valued status (and a
 * Namespace's empty spec).
 */
export function dryRunView(obj: KubeObject): Record<string, unknown> {
  const shown = structuredClone(obj) as unknown as Record<string, unknown> & { metadata: Record<string, unknown>; spec?: { template?: { metadata?: unknown } } };
  shown.metadata = { ...shown.metadata, creationTimestamp: null };
  delete shown.metadata['namespace'];
  if (shown.spec?.template) shown.spec.template.metadata = { creationTimestamp: null, ...(shown.spec.template.metadata as object) };
  if (obj.kind === 'Namespace') return { ...shown, spec: {}, status: {} };
  if (obj.kind === 'Service') return { ...shown, status: { loadBalancer: {} } };
  if (obj.kind === 'Job' || obj.kind === 'Deployment') return { ...shown, status: {} };
  return shown;
}
