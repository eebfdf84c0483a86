// Checks the JSON schema cannot make: they look across fields, across files and at the
// cluster (selectors that match nothing, ports and volumes that are not declared, claims
// nothing can bind, images the simulated registry lacks, removed API versions). Pure: no
// Monaco, no DOM, no store, so node tests run them and the editor turns them into markers.

import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node as YamlNode } from 'yaml';

/** The YAML 1.1 booleans that are words in YAML 1.2 (true and false are booleans in both). */
const YAML11_BOOLS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
import { KUBE_YAML } from '../../sim/yaml.ts';
import type { Lang } from '../../state/labStore.ts';
import { resolveKind } from '../../sim/admission/apiVersions.ts';
import { CATALOG, lookupImage } from '../../sim/runtime/images.ts';
import { editDistance } from '../../sim/editDistance.ts';
import { parseImageRef } from '../../sim/runtime/imageref.ts';
import { labelSelectorMatches, type LabelSelectorLike, type Requirement } from '../../sim/selectors.ts';
import { tryParseQuantity } from '../../sim/quantity.ts';
import { checkStrings, type CheckKey } from './checkStrings.ts';

export interface Diagnostic {
  file: string;
  /** 1-based, as Monaco counts. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  message: string;
  /** Which check found it (stable across languages, for tests and filtering). */
  code: CheckKey;
}

export interface FactPod {
  namespace: string;
  labels: Record<string, string>;
  ports: number[];
}

export interface FactVolume {
  name: string;
  storageClassName: string;
  capacity: string;
  accessModes: string[];
  volumeMode?: string;
  labels?: Record<string, string>;
  /** "namespace/name" of the claim it is bound or reserved for. */
  claim?: string;
  phase?: string;
}

export interface FactStorageClass {
  name: string;
  provisioner: string;
  isDefault: boolean;
}

/** What the cluster has right now, for checks that also accept what is already running. */
export interface ClusterFacts {
  pods: FactPod[];
  persistentVolumes: FactVolume[];
  storageClasses: FactStorageClass[];
}

export const NO_FACTS: ClusterFacts = { pods: [], persistentVolumes: [], storageClasses: [] };

type Path = (string | number)[];
type Obj = Record<string, unknown>;
type Vars = Record<string, string | number>;

const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const stringMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v) ?? {})) if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  return out;
};
const showLabels = (labels: Record<string, string>): string => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || '{}';

/** One parsed YAML document of a file, with a way to turn a path into a source range. */
interface Located {
  file: string;
  doc: Document;
  lines: LineCounter;
  value: Obj;
  kind: string;
  apiVersion: string;
  namespace: string;
}

interface Template {
  at: Located;
  /** Path of the pod template (labels under metadata, pod spec under spec); [] for a Pod. */
  base: Path;
  labels: Record<string, string>;
  spec: Obj;
}

const TEMPLATE_PATHS: Record<string, Path> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function getPath(value: unknown, path: Path): unknown {
  let cur = value;
  for (const p of path) {
    if (typeof p === 'number') cur = arr(cur)[p];
    else cur = obj(cur)?.[p];
  }
  return cur;
}

/** The key node and value node at a path; missing tails fall back to the deepest node found. */
function nodeAt(doc: Document, path: Path): { key: YamlNode | undefined; value: YamlNode | undefined } {
  let node: unknown = doc.contents;
  let key: YamlNode | undefined;
  for (const p of path) {
    if (typeof p === 'number' && isSeq(node)) {
      const next: unknown = node.items[p];
      if (!next) break;
      key = undefined;
      node = next;
    } else if (typeof p === 'string' && isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === p);
      if (!pair) break;
      key = isScalar(pair.key) ? pair.key : undefined;
      node = pair.value ?? pair.key;
    } else break;
  }
  return { key, value: node as YamlNode | undefined };
}

function rangeOf(at: Located, path: Path, prefer: 'value' | 'key'): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const { key, value } = nodeAt(at.doc, path);
  // A collection spans many lines; its key (or its first line) reads better as a squiggle.
  const target = (prefer === 'key' || (value && !isScalar(value)) ? (key ?? value) : (value ?? key)) ?? at.doc.contents;
  const [start, valueEnd] = target?.range ?? [0, 0, 0];
  const startLine = at.lines.linePos(start).line;
  const nextLineStart = at.lines.lineStarts[startLine];
  const end = isScalar(target) || nextLineStart === undefined ? valueEnd : Math.max(start + 1, Math.min(valueEnd, nextLineStart - 1));
  const s = at.lines.linePos(start);
  const e = at.lines.linePos(end);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

function parseFiles(files: readonly { name: string; text: string }[]): Located[] {
  const out: Located[] = [];
  for (const f of files) {
    const lines = new LineCounter();
    let docs: Document[];
    try {
      docs = parseAllDocuments(f.text, { ...KUBE_YAML, lineCounter: lines }) as Document[];
    } catch {
      continue;
    }
    if (!Array.isArray(docs)) continue;
    for (const doc of docs) {
      // A document YAML cannot parse is the editor's YAML error to show, not ours.
      if (doc.errors.length > 0) continue;
      let value: Obj | undefined;
      try {
        value = obj(doc.toJS({ maxAliasCount: 100 }));
      } catch {
        continue;
      }
      if (!value) continue;
      const kind = str(value['kind']);
      const apiVersion = str(value['apiVersion']);
      if (!kind || !apiVersion) continue;
      out.push({ file: f.name, doc, lines, value, kind, apiVersion, namespace: str(obj(value['metadata'])?.['namespace']) ?? 'default' });
    }
  }
  return out;
}

function templateOf(at: Located): Template | undefined {
  const base = TEMPLATE_PATHS[at.kind];
  if (!base) return undefined;
  const t = obj(getPath(at.value, base));
  if (!t) return undefined;
  return { at, base, labels: stringMap(obj(t['metadata'])?.['labels']), spec: obj(t['spec']) ?? {} };
}

/** A selector as written: a LabelSelector, or a plain map (Service, ReplicationController). */
function toSelector(v: unknown, plainMap: boolean): LabelSelectorLike | undefined {
  const o = obj(v);
  if (!o) return undefined;
  if (plainMap) return { matchLabels: stringMap(o) };
  const expressions = arr(o['matchExpressions']).flatMap((e): Requirement[] => {
    const x = obj(e);
    const key = str(x?.['key']);
    const operator = str(x?.['operator']);
    return key && operator ? [{ key, operator, values: arr(x?.['values']).map(String) }] : [];
  });
  return { matchLabels: stringMap(o['matchLabels']), matchExpressions: expressions };
}

function showSelector(sel: LabelSelectorLike): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) parts.push(`${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(', ')})` : ''}`);
  return parts.join(', ') || '{}';
}

interface ContainerPorts {
  numbers: Set<number>;
  names: Set<string>;
}

function containersOf(spec: Obj): { c: Obj; path: Path }[] {
  return [
    ...arr(spec['containers']).map((c, i) => ({ c: obj(c) ?? {}, path: ['containers', i] as Path })),
    ...arr(spec['initContainers']).map((c, i) => ({ c: obj(c) ?? {}, path: ['initContainers', i] as Path })),
  ];
}

function portsOf(containers: Obj[]): ContainerPorts {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const c of containers) {
    for (const p of arr(c['ports'])) {
      const port = obj(p);
      if (typeof port?.['containerPort'] === 'number') numbers.add(port['containerPort']);
      const name = str(port?.['name']);
      if (name) names.add(name);
    }
  }
  return { numbers, names };
}

const describePorts = (p: ContainerPorts): string => [...[...p.numbers].sort((a, b) => a - b).map(String), ...[...p.names].map((n) => `"${n}"`)].join(', ') || '—';

function storageBytes(q: unknown): bigint {
  if (typeof q !== 'string' && typeof q !== 'number') return 0n;
  const r = tryParseQuantity(q);
  return r.ok ? r.quantity.nanos : 0n;
}

/** Runs every check over the workspace. `facts` is the cluster as it is now. */
export function checkWorkspace(files: readonly { name: string; text: string }[], facts: ClusterFacts, lang: Lang = 'en'): Diagnostic[] {
  const table = checkStrings[lang];
  const say = (key: CheckKey, vars: Vars = {}): string => table[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
  const out: Diagnostic[] = [];
  const report = (at: Located, path: Path, severity: Diagnostic['severity'], code: CheckKey, vars: Vars, prefer: 'value' | 'key' = 'value'): void => {
    out.push({ file: at.file, ...rangeOf(at, path, prefer), severity, message: say(code, vars), code });
  };

  const docs = parseFiles(files);
  const templates = docs.map(templateOf).filter((t): t is Template => t !== undefined);

  for (const at of docs) {
    checkYamlBooleans(at);
    checkApiVersion(at);
    const t = templateOf(at);
    if (t) {
      checkSelector(t);
      checkPodSpec(t);
    }
    if (at.kind === 'Service') checkService(at);
    if (at.kind === 'PersistentVolumeClaim') checkClaim(at, [], obj(at.value['spec']) ?? {}, at.namespace);
    if (at.kind === 'StatefulSet') {
      arr(getPath(at.value, ['spec', 'volumeClaimTemplates'])).forEach((c, i) => checkClaim(at, ['spec', 'volumeClaimTemplates', i], obj(obj(c)?.['spec']) ?? {}, at.namespace));
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));

  /** yes/no/on/off/y/n unquoted: booleans to kubectl (YAML 1.1), a classic surprise in env values. */
  function checkYamlBooleans(at: Located): void {
    visit(at.doc, {
      Scalar(_key, node) {
        if (node.type !== 'PLAIN' || typeof node.value !== 'boolean' || !node.range || !node.source || !YAML11_BOOLS.test(node.source)) return;
        const s = at.lines.linePos(node.range[0]);
        const e = at.lines.linePos(node.range[1]);
        out.push({ file: at.file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col, severity: 'warning', message: say('yamlBool', { text: node.source, value: String(node.value) }), code: 'yamlBool' });
      },
    });
  }

  function checkApiVersion(at: Located): void {
    const r = resolveKind(at.apiVersion, at.kind);
    if (r.ok) return;
    const hint = r.hint ?? '';
    const removedIn = /removed in Kubernetes (\d+\.\d+)/.exec(hint)?.[1];
    const replacement = /use apiVersion: ((?:[a-z0-9.-]+\/)?v\w+)/.exec(hint)?.[1];
    const vars: Vars = { noMatch: r.noMatch, apiVersion: at.apiVersion, kind: at.kind };
    if (removedIn && replacement) {
      let extra = '';
      if (hint.includes('also needs spec.selector')) extra = say('extraSelector', { replacement, kind: at.kind });
      else if (hint.includes('pathType')) extra = say('extraIngress');
      report(at, ['apiVersion'], 'error', 'apiRemoved', { ...vars, removedIn, replacement, extra });
    } else if (removedIn) {
      report(at, ['apiVersion'], 'error', 'apiRemovedNoReplacement', { ...vars, removedIn });
    } else if (/is served as (.+)\.$/.test(hint)) {
      report(at, ['apiVersion'], 'error', 'apiServedAs', { ...vars, served: /is served as (.+)\.$/.exec(hint)![1]! });
    } else if (/did you mean kind: (\w+)/.test(hint)) {
      report(at, ['kind'], 'error', 'apiCase', { ...vars, kind: /did you mean kind: (\w+)/.exec(hint)![1]! });
    } else {
      report(at, ['kind'], 'error', 'apiUnknown', vars);
    }
  }

  function checkSelector(t: Template): void {
    if (t.at.kind === 'Pod' || t.at.kind === 'CronJob') return;
    const raw = getPath(t.at.value, ['spec', 'selector']);
    // Absent: the schema says when it is required; RC and Job default it from the template.
    if (raw === undefined) return;
    const sel = toSelector(raw, t.at.kind === 'ReplicationController');
    if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && !sel.matchExpressions?.length)) return;
    if (labelSelectorMatches(sel, t.labels)) return;
    const noLabels = Object.keys(t.labels).length === 0;
    report(t.at, ['spec', 'selector'], 'error', noLabels ? 'selectorNoLabels' : 'selectorMismatch', { selector: showSelector(sel), labels: showLabels(t.labels), kind: t.at.kind }, 'key');
  }

  function checkPodSpec(t: Template): void {
    const specPath: Path = [...t.base, 'spec'];
    const containers = containersOf(t.spec);
    const podPorts = portsOf(containers.map((x) => x.c));
    const volumes = new Set(arr(t.spec['volumes']).map((v) => str(obj(v)?.['name'])).filter((n): n is string => !!n));
    if (t.at.kind === 'StatefulSet') {
      for (const c of arr(getPath(t.at.value, ['spec', 'volumeClaimTemplates']))) {
        const n = str(obj(obj(c)?.['metadata'])?.['name']);
        if (n) volumes.add(n);
      }
    }
    for (const { c, path } of containers) {
      const cPath = [...specPath, ...path];
      // Images
      const image = str(c['image']);
      if (image && image.trim()) checkImage(t.at, [...cPath, 'image'], image.trim());
      // Volume mounts
      arr(c['volumeMounts']).forEach((m, i) => {
        const name = str(obj(m)?.['name']);
        if (name && !volumes.has(name)) {
          report(t.at, [...cPath, 'volumeMounts', i, 'name'], 'error', t.at.kind === 'StatefulSet' ? 'mountNoVolumeSts' : 'mountNoVolume', { name, volumes: [...volumes].join(', ') || '—' });
        }
      });
      // Probes
      const own = portsOf([c]);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const p = obj(c[probe]);
        if (!p) continue;
        for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
          const port = obj(p[handler])?.['port'];
          const where = [...cPath, probe, handler, 'port'];
          if (typeof port === 'number' && !podPorts.numbers.has(port)) {
            report(t.at, where, 'warning', 'probePortNumber', { probe, port, declared: describePorts(podPorts) });
          } else if (typeof port === 'string' && !/^\d+$/.test(port) && !own.names.has(port)) {
            report(t.at, where, 'warning', 'probePortName', { probe, port });
          }
        }
      }
    }
  }

  function checkImage(at: Located, path: Path, image: string): void {
    const ref = parseImageRef(image);
    const r = lookupImage(ref);
    if (r.ok) return;
    const known = CATALOG.some((m) => m.name === `${ref.registry}/${ref.repository}`);
    if (known) {
      report(at, path, 'warning', 'imageTag', { repository: ref.repository.replace(/^library\//, ''), tag: ref.tag });
      return;
    }
    const short = ref.repository.split('/').pop() ?? '';
    let best: string | undefined;
    let bestD = 3;
    for (const m of CATALOG) {
      const name = m.name.replace(/^docker\.io\/(library\/)?/, '');
      const d = editDistance(name.split('/').pop() ?? '', short);
      if (d < bestD) {
        bestD = d;
        best = name;
      }
    }
    report(at, path, 'warning', 'imageMissing', { image, suggestion: best ? say('imageSuggest', { name: best }) : '' });
  }

  function checkService(at: Located): void {
    const spec = obj(at.value['spec']) ?? {};
    const raw = spec['selector'];
    const sel = toSelector(raw, true);
    if (!sel || Object.keys(sel.matchLabels ?? {}).length === 0) return;
    const wsMatches = templates.filter((t) => t.at.namespace === at.namespace && labelSelectorMatches(sel, t.labels));
    const clusterMatches = facts.pods.filter((p) => p.namespace === at.namespace && labelSelectorMatches(sel, p.labels));
    if (wsMatches.length === 0 && clusterMatches.length === 0) {
      const sameNs = templates.filter((t) => t.at.namespace === at.namespace && Object.keys(t.labels).length > 0);
      const suggestion = sameNs[0] ? say('serviceSuggest', { labels: showLabels(sameNs[0].labels) }) : '';
      report(at, ['spec', 'selector'], 'warning', 'serviceNoPods', { namespace: at.namespace, selector: showSelector(sel), suggestion }, 'key');
      return;
    }
    const declared: ContainerPorts = wsMatches.length
      ? portsOf(wsMatches.flatMap((t) => containersOf(t.spec).map((x) => x.c)))
      : { numbers: new Set(clusterMatches.flatMap((p) => p.ports)), names: new Set() };
    arr(spec['ports']).forEach((p, i) => {
      const port = obj(p);
      if (!port) return;
      const hasTarget = port['targetPort'] !== undefined;
      const target = hasTarget ? port['targetPort'] : port['port'];
      const path: Path = ['spec', 'ports', i, hasTarget ? 'targetPort' : 'port'];
      if (typeof target === 'number' || (typeof target === 'string' && /^\d+$/.test(target))) {
        const n = Number(target);
        // Pods that declare no ports at all say nothing about what they listen on.
        if (declared.numbers.size > 0 && !declared.numbers.has(n)) report(at, path, 'warning', 'targetPortNumber', { port: n, declared: describePorts(declared) });
      } else if (typeof target === 'string' && wsMatches.length > 0 && !declared.names.has(target)) {
        report(at, path, 'warning', 'targetPortName', { port: target, declared: describePorts(declared) });
      }
    });
  }

  function checkClaim(at: Located, base: Path, spec: Obj, namespace: string): void {
    const claimName = str(obj(getPath(at.value, [...base, 'metadata']))?.['name']) ?? '';
    const specPath = [...base, 'spec'];
    const request = getPath(spec, ['resources', 'requests', 'storage']);
    const requestBytes = storageBytes(request);
    const modes = arr(spec['accessModes']).map(String);
    const mode = str(spec['volumeMode']) ?? 'Filesystem';
    const selector = toSelector(spec['selector'], false);
    const hasClass = typeof spec['storageClassName'] === 'string';
    const cls = str(spec['storageClassName']) ?? '';

    const wsVolumes: FactVolume[] = docs
      .filter((d) => d.kind === 'PersistentVolume')
      .map((d) => {
        const s = obj(d.value['spec']) ?? {};
        const ref = obj(s['claimRef']);
        const v: FactVolume = {
          name: str(obj(d.value['metadata'])?.['name']) ?? '',
          storageClassName: str(s['storageClassName']) ?? '',
          capacity: String(obj(s['capacity'])?.['storage'] ?? ''),
          accessModes: arr(s['accessModes']).map(String),
          labels: stringMap(obj(d.value['metadata'])?.['labels']),
        };
        const mode = str(s['volumeMode']);
        if (mode) v.volumeMode = mode;
        if (ref) v.claim = `${str(ref['namespace']) ?? 'default'}/${str(ref['name']) ?? ''}`;
        return v;
      });
    const volumes = [...wsVolumes, ...facts.persistentVolumes.filter((v) => !wsVolumes.some((w) => w.name === v.name))];
    const classes: FactStorageClass[] = [
      ...docs
        .filter((d) => d.kind === 'StorageClass')
        .map((d) => {
          const ann = stringMap(obj(d.value['metadata'])?.['annotations']);
          return {
            name: str(obj(d.value['metadata'])?.['name']) ?? '',
            provisioner: str(d.value['provisioner']) ?? '',
            isDefault: ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true',
          };
        }),
      ...facts.storageClasses,
    ];
    const vars = { size: typeof request === 'string' || typeof request === 'number' ? String(request) : '?', modes: modes.join(', ') || '—', cls };

    const volumeName = str(spec['volumeName']);
    if (volumeName) {
      if (!volumes.some((v) => v.name === volumeName)) report(at, [...specPath, 'volumeName'], 'warning', 'pvcNoVolumeName', { volume: volumeName });
      return;
    }
    const fits = (v: FactVolume, wantClass: string): boolean =>
      v.storageClassName === wantClass &&
      storageBytes(v.capacity) >= requestBytes &&
      modes.every((m) => v.accessModes.includes(m)) &&
      (v.volumeMode ?? 'Filesystem') === mode &&
      (!v.claim || v.claim === `${namespace}/${claimName}`) &&
      (v.phase === undefined || v.phase === 'Available' || v.phase === 'Bound' || v.phase === 'Pending') &&
      (!selector || labelSelectorMatches(selector, v.labels ?? {}));
    const where = hasClass ? [...specPath, 'storageClassName'] : request !== undefined ? [...specPath, 'resources', 'requests', 'storage'] : ['kind'];

    if (!hasClass) {
      const def = classes.find((c) => c.isDefault);
      if (def && def.provisioner !== 'kubernetes.io/no-provisioner') return;
      if (volumes.some((v) => fits(v, def?.name ?? ''))) return;
      report(at, where, 'warning', 'pvcNoDefaultClass', vars);
      return;
    }
    if (volumes.some((v) => fits(v, cls))) return;
    if (cls === '') {
      report(at, where, 'warning', 'pvcEmptyClass', vars);
      return;
    }
    const sc = classes.find((c) => c.name === cls);
    if (sc && sc.provisioner !== 'kubernetes.io/no-provisioner') return;
    report(at, where, 'warning', sc ? 'pvcNoProvisioner' : 'pvcNoClass', vars);
  }
}
