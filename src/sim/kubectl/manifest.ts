// Reading manifests for -f: files, `-f -` (stdin), multi-document YAML, JSON, and kind: List.
// Parse errors come out as kubectl prints them.

import { parseAllDocuments } from 'yaml';
import { KUBE_YAML } from '../yaml.ts';
import type { KubeObject } from '../store/types.ts';
import type { KubectlEnv } from './types.ts';

export interface ManifestDoc {
  source: string;
  object: KubeObject;
}

export type ManifestResult = { ok: true; docs: ManifestDoc[] } | { ok: false; error: string };

/** go-yaml's wording for the common mistakes, from the yaml package's error codes. */
function goYamlMessage(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'BAD_INDENT':
    case 'UNEXPECTED_TOKEN':
      return 'mapping values are not allowed in this context';
    case 'DUPLICATE_KEY':
      return `key ${/"([^"]*)"/.exec(message)?.[1] ?? ''} already set in map`.replace('key  already', 'key already');
    case 'MISSING_CHAR':
    case 'BAD_SCALAR_START':
      return 'did not find expected key';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'could not find expected \':\'';
    default:
      return 'did not find expected node content';
  }
}

export function parseManifestText(text: string, source: string): ManifestResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { ok: true, docs: flatten(JSON.parse(text) as unknown, source) };
    } catch (e) {
      return { ok: false, error: `error: error parsing ${source}: ${String((e as Error).message)}` };
    }
  }
  const docs = parseAllDocuments(text, { ...KUBE_YAML, uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  const out: ManifestDoc[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    const err = d.errors[0];
    if (err) {
      const line = (err.linePos?.[0]?.line ?? 1) + 0;
      return { ok: false, error: `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlMessage(err.code, err.message)}` };
    }
    const value: unknown = d.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    out.push(...flatten(value, source));
  }
  return { ok: true, docs: out };
}

function flatten(value: unknown, source: string): ManifestDoc[] {
  if (Array.isArray(value)) return value.flatMap((v) => flatten(v, source));
  const o = value as KubeObject & { items?: unknown[] };
  if (o && typeof o === 'object' && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
    return o.items.flatMap((v) => flatten(v, source));
  }
  return [{ source, object: o }];
}

export function readManifests(env: KubectlEnv, files: string[]): ManifestResult {
  const docs: ManifestDoc[] = [];
  for (const f of files) {
    if (/^https?:\/\//.test(f)) {
      const host = f.replace(/^https?:\/\//, '').split('/')[0];
      return { ok: false, error: `error: unable to read URL "${f}", server reported 404 Not Found, status code=404\n(Kubelab runs offline: dial tcp: lookup ${host}: no such host. Paste the manifest into a file instead.)` };
    }
    const text = f === '-' ? env.stdin : env.readFile(f);
    if (text === undefined) return { ok: false, error: `error: the path "${f}" does not exist` };
    const r = parseManifestText(text, f === '-' ? 'STDIN' : f);
    if (!r.ok) return r;
    docs.push(...r.docs);
  }
  if (docs.length === 0) return { ok: false, error: 'error: no objects passed to apply' };
  return { ok: true, docs };
}

/** kubectl's client-side checks before anything is sent (apiVersion/kind present, a mapping). */
export function clientValidate(doc: ManifestDoc): string | undefined {
  const o = doc.object as unknown;
  if (!o || typeof o !== 'object' || Array.isArray(o)) {
    return `error: error validating "${doc.source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  const obj = o as Record<string, unknown>;
  const missing: string[] = [];
  if (typeof obj['apiVersion'] !== 'string' || !obj['apiVersion']) missing.push('apiVersion not set');
  if (typeof obj['kind'] !== 'string' || !obj['kind']) missing.push('kind not set');
  if (missing.length) {
    const what = missing.length > 1 ? `[${missing.join(', ')}]` : missing[0];
    return `error: error validating "${doc.source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  return undefined;
}
