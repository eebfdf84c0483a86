// Generates src/sim/schema/k8s-schema.json from the doc-commented types in kubernetes-types.
// Run: npx tsx scripts/gen-schema.ts   (the output is committed; nothing runs this at install or test time)
//
// Why per kind: a single program over every kind fails in ts-json-schema-generator with
// "Type ... has multiple definitions" (core/v1 and discovery/v1 both export EndpointPort), so each
// kind is generated on its own and the definitions are merged under package-qualified names.
//
// kubernetes-types erases facts the API server cares about (int32 vs int64, IntOrString, Quantity,
// base64 []byte, named Go string types); the tables below put them back so the decoder in
// src/sim/schema can reproduce the server's own error texts.
import { readFileSync, writeFileSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { splitDescriptions, type DescriptionTable } from '../src/sim/schema/descriptions.ts';

function serialiseDescriptions(table: DescriptionTable): string {
  return `{\n${Object.keys(table).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(table[k])}`).join(',\n')}\n}\n`;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules', 'kubernetes-types');
const outFile = join(root, 'src', 'sim', 'schema', 'k8s-schema.json');
const descriptionsFile = join(root, 'src', 'sim', 'schema', 'k8s-descriptions.json');

interface KindGroup { module: string; group: string; version: string; kinds: string[] }

const KINDS: KindGroup[] = [
  { module: 'core/v1', group: '', version: 'v1', kinds: ['Pod', 'Service', 'Endpoints', 'Namespace', 'Node', 'Event', 'ConfigMap', 'Secret', 'ReplicationController', 'PersistentVolume', 'PersistentVolumeClaim', 'ServiceAccount'] },
  { module: 'apps/v1', group: 'apps', version: 'v1', kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'] },
  { module: 'batch/v1', group: 'batch', version: 'v1', kinds: ['Job', 'CronJob'] },
  { module: 'networking/v1', group: 'networking.k8s.io', version: 'v1', kinds: ['Ingress', 'IngressClass', 'NetworkPolicy'] },
  { module: 'storage/v1', group: 'storage.k8s.io', version: 'v1', kinds: ['StorageClass'] },
  { module: 'discovery/v1', group: 'discovery.k8s.io', version: 'v1', kinds: ['EndpointSlice'] },
];

// Go package of each kubernetes-types module, as it appears in definition names and in Go type strings.
const MODULE_PREFIX: Record<string, string> = {
  'core/v1': 'core.v1', 'apps/v1': 'apps.v1', 'batch/v1': 'batch.v1', 'networking/v1': 'networking.v1',
  'storage/v1': 'storage.v1', 'discovery/v1': 'discovery.v1', 'meta/v1': 'meta.v1',
  'api/resource': 'resource', runtime: 'runtime',
};

const INT_OR_STRING = 'intstr.IntOrString';
// apimachinery pkg/util/intstr IntOrString doc comment (the type is inlined as `number | string` in kubernetes-types).
const INT_OR_STRING_DESCRIPTION = 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';

// Fields whose Go type is int64 (every other integer is int32). From k8s.io/api and apimachinery types.go.
const INT64_FIELDS: Record<string, string[]> = {
  'meta.v1.ObjectMeta': ['generation', 'deletionGracePeriodSeconds'],
  'meta.v1.Condition': ['observedGeneration'],
  'core.v1.PodSpec': ['terminationGracePeriodSeconds', 'activeDeadlineSeconds'],
  'core.v1.PodSecurityContext': ['runAsUser', 'runAsGroup', 'fsGroup', 'supplementalGroups'],
  'core.v1.SecurityContext': ['runAsUser', 'runAsGroup'],
  'core.v1.Probe': ['terminationGracePeriodSeconds'],
  'core.v1.SleepAction': ['seconds'],
  'core.v1.Toleration': ['tolerationSeconds'],
  'core.v1.ServiceAccountTokenProjection': ['expirationSeconds'],
  'core.v1.ContainerImage': ['sizeBytes'],
  'core.v1.ReplicationControllerStatus': ['observedGeneration'],
  'apps.v1.DeploymentStatus': ['observedGeneration'],
  'apps.v1.ReplicaSetStatus': ['observedGeneration'],
  'apps.v1.StatefulSetStatus': ['observedGeneration'],
  'apps.v1.DaemonSetStatus': ['observedGeneration'],
  'batch.v1.JobSpec': ['activeDeadlineSeconds'],
  'batch.v1.CronJobSpec': ['startingDeadlineSeconds'],
};

// Map values that are Go []byte: JSON carries them as base64 and a bad string is a decode error.
const BYTE_MAP_FIELDS: Record<string, string[]> = {
  'core.v1.Secret': ['data'],
  'core.v1.ConfigMap': ['binaryData'],
};

// Fields whose Go type is a named type, so a type error names it (e.g. "of type []v1.PersistentVolumeAccessMode").
// Only fields where a learner plausibly writes the wrong JSON kind are listed; the rest render as plain Go kinds.
const GO_TYPES: Record<string, Record<string, string>> = {
  'core.v1.Container': { imagePullPolicy: 'v1.PullPolicy', terminationMessagePolicy: 'v1.TerminationMessagePolicy' },
  'core.v1.ContainerPort': { protocol: 'v1.Protocol' },
  'core.v1.ServicePort': { protocol: 'v1.Protocol' },
  'core.v1.EndpointPort': { protocol: 'v1.Protocol' },
  'core.v1.PodSpec': { restartPolicy: 'v1.RestartPolicy', dnsPolicy: 'v1.DNSPolicy', overhead: 'v1.ResourceList' },
  'core.v1.ServiceSpec': { type: 'v1.ServiceType', sessionAffinity: 'v1.ServiceAffinity', externalTrafficPolicy: 'v1.ServiceExternalTrafficPolicy', ipFamilies: '[]v1.IPFamily' },
  'core.v1.ResourceRequirements': { limits: 'v1.ResourceList', requests: 'v1.ResourceList' },
  'core.v1.VolumeResourceRequirements': { limits: 'v1.ResourceList', requests: 'v1.ResourceList' },
  'core.v1.PersistentVolumeClaimSpec': { accessModes: '[]v1.PersistentVolumeAccessMode' },
  'core.v1.PersistentVolumeSpec': { accessModes: '[]v1.PersistentVolumeAccessMode', capacity: 'v1.ResourceList', persistentVolumeReclaimPolicy: 'v1.PersistentVolumeReclaimPolicy' },
  'core.v1.Capabilities': { add: '[]v1.Capability', drop: '[]v1.Capability' },
  'core.v1.Toleration': { operator: 'v1.TolerationOperator', effect: 'v1.TaintEffect' },
  'core.v1.Taint': { effect: 'v1.TaintEffect' },
  'core.v1.HTTPGetAction': { scheme: 'v1.URIScheme' },
  'core.v1.Secret': { type: 'v1.SecretType' },
  'core.v1.EmptyDirVolumeSource': { medium: 'v1.StorageMedium' },
  'core.v1.NodeSelectorRequirement': { operator: 'v1.NodeSelectorOperator' },
  'meta.v1.LabelSelectorRequirement': { operator: 'v1.LabelSelectorOperator' },
  'apps.v1.DeploymentStrategy': { type: 'v1.DeploymentStrategyType' },
  'apps.v1.StatefulSetSpec': { podManagementPolicy: 'v1.PodManagementPolicyType' },
  'batch.v1.CronJobSpec': { concurrencyPolicy: 'v1.ConcurrencyPolicy' },
  'networking.v1.NetworkPolicySpec': { policyTypes: '[]v1.PolicyType' },
};

// Types whose Go UnmarshalJSON accepts any JSON value.
const FREE_FORM = new Set(['runtime.RawExtension', 'meta.v1.FieldsV1']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Which kubernetes-types modules export each type name.
function buildExportIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) { walk(full); continue; }
      if (!name.endsWith('.d.ts')) continue;
      const module = relative(typesDir, full).replace(/\.d\.ts$/, '');
      if (!(module in MODULE_PREFIX)) continue;
      for (const m of readFileSync(full, 'utf8').matchAll(/^export (?:interface|type) (\w+)/gm)) {
        const typeName = m[1] as string;
        index.set(typeName, [...(index.get(typeName) ?? []), module]);
      }
    }
  };
  walk(typesDir);
  return index;
}

function qualify(typeName: string, fromModule: string, exportsOf: Map<string, string[]>): string {
  const modules = exportsOf.get(typeName) ?? [];
  const module = modules.length === 1 ? modules[0] : modules.includes(fromModule) ? fromModule : undefined;
  if (module === undefined) throw new Error(`cannot place type ${typeName} (exported by ${modules.join(', ') || 'nothing'}) for ${fromModule}`);
  return `${MODULE_PREFIX[module]}.${typeName}`;
}

const KEEP = new Set(['type', 'description', 'properties', 'required', 'additionalProperties', 'items', '$ref']);

// Normalises one generated node: qualified refs, integers, IntOrString, only the keywords we use.
function normalise(node: Json, rename: (short: string) => string): Json {
  if (!isObject(node)) return node;
  const type = node['type'];
  if (Array.isArray(type) && type.length === 2 && type.includes('number') && type.includes('string')) {
    const out: JsonObject = { $ref: `#/definitions/${INT_OR_STRING}` };
    if (typeof node['description'] === 'string') out['description'] = node['description'];
    return out;
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'markdownDescription') { out['description'] = value; continue; }
    if (!KEEP.has(key) || (key === 'description' && 'markdownDescription' in node)) continue;
    if (key === '$ref' && typeof value === 'string') {
      out[key] = `#/definitions/${rename(decodeURIComponent(value.replace('#/definitions/', '')))}`;
    } else if (key === 'type' && value === 'number') {
      out[key] = 'integer';
    } else if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, prop] of Object.entries(value)) props[name] = normalise(prop, rename);
      out[key] = props;
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(value)) {
      out[key] = normalise(value, rename);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function generate(): { roots: JsonObject; definitions: Record<string, JsonObject> } {
  const exportsOf = buildExportIndex();
  const definitions: Record<string, JsonObject> = {};
  const roots: JsonObject = {};

  const merge = (name: string, def: JsonObject): void => {
    const existing = definitions[name];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(def)) {
      throw new Error(`definition ${name} differs between kinds`);
    }
    definitions[name] = def;
  };

  // Without DOM and ambient @types, names like Node and Event resolve to the Kubernetes types only.
  const tsconfigDir = mkdtempSync(join(tmpdir(), 'gen-schema-'));
  const tsconfig = join(tsconfigDir, 'tsconfig.json');
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { lib: ['es2022'], types: [], noEmit: true, skipLibCheck: true } }));

  for (const group of KINDS) {
    const generator = createGenerator({
      path: join(typesDir, `${group.module}.d.ts`),
      tsconfig,
      jsDoc: 'extended',
      // The plain description joins single newlines; the markdown one keeps the text as written.
      markdownDescription: true,
      skipTypeCheck: true,
      expose: 'all',
      topRef: true,
      sortProps: false,
      additionalProperties: false,
    });
    for (const kind of group.kinds) {
      const schema = generator.createSchema(kind) as JsonObject;
      const generated = schema['definitions'];
      if (!isObject(generated)) throw new Error(`no definitions for ${kind}`);
      const rename = (short: string): string => qualify(short, group.module, exportsOf);
      for (const [short, def] of Object.entries(generated)) {
        const normalised = normalise(def, rename);
        if (!isObject(normalised)) throw new Error(`bad definition ${short}`);
        merge(rename(short), normalised);
      }
      const apiVersion = group.group === '' ? group.version : `${group.group}/${group.version}`;
      roots[`${apiVersion}/${kind}`] = { $ref: `#/definitions/${rename(kind)}` };
    }
  }
  rmSync(tsconfigDir, { recursive: true });
  return { roots, definitions };
}

function patch(definitions: Record<string, JsonObject>): void {
  const propertyOf = (defName: string, field: string): JsonObject => {
    const props = definitions[defName]?.['properties'];
    const prop = isObject(props) ? props[field] : undefined;
    if (!isObject(prop)) throw new Error(`patch target ${defName}.${field} does not exist`);
    return prop;
  };

  // apiVersion/kind come out as `const`-free strings already; the literal types carried no docs we lose.
  const quantity = definitions['resource.Quantity'];
  if (quantity === undefined) throw new Error('resource.Quantity missing');
  quantity['type'] = ['string', 'number'];

  definitions[INT_OR_STRING] = { type: ['integer', 'string'], description: INT_OR_STRING_DESCRIPTION };

  for (const name of FREE_FORM) {
    const def = definitions[name];
    if (def === undefined) continue;
    const description = def['description'];
    definitions[name] = { type: 'object', ...(typeof description === 'string' ? { description } : {}), 'x-kubernetes-preserve-unknown-fields': true };
  }

  for (const [defName, fields] of Object.entries(INT64_FIELDS)) {
    for (const field of fields) {
      const prop = propertyOf(defName, field);
      const target = prop['type'] === 'array' && isObject(prop['items']) ? prop['items'] : prop;
      if (target['type'] !== 'integer') throw new Error(`${defName}.${field} is not an integer`);
      target['format'] = 'int64';
    }
  }

  for (const [defName, fields] of Object.entries(BYTE_MAP_FIELDS)) {
    for (const field of fields) {
      const values = propertyOf(defName, field)['additionalProperties'];
      if (!isObject(values) || values['type'] !== 'string') throw new Error(`${defName}.${field} is not a string map`);
      values['format'] = 'byte';
    }
  }

  for (const [defName, fields] of Object.entries(GO_TYPES)) {
    for (const [field, goType] of Object.entries(fields)) propertyOf(defName, field)['x-go-type'] = goType;
  }
}

function serialise(doc: { roots: JsonObject; definitions: Record<string, JsonObject> }, source: string): string {
  // One definition per line keeps diffs readable without pretty-printing 1 MB of JSON.
  const defLines = Object.keys(doc.definitions).sort().map((name) => `${JSON.stringify(name)}:${JSON.stringify(doc.definitions[name])}`);
  const rootLines = Object.entries(doc.roots).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return [
    '{"$schema":"http://json-schema.org/draft-07/schema#",',
    `"$comment":${JSON.stringify(`Generated by scripts/gen-schema.ts from ${source}. Do not edit by hand.`)},`,
    '"roots":{',
    rootLines.join(',\n'),
    '},"definitions":{',
    defLines.join(',\n'),
    '}}',
    '',
  ].join('\n');
}

const typesVersion = (JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')) as { version: string }).version;
const doc = generate();
patch(doc.definitions);
// The doc comments go to their own file: the page loads them after first paint.
const descriptions = splitDescriptions(doc.definitions);
const text = serialise(doc, `kubernetes-types ${typesVersion}`);
JSON.parse(text);
writeFileSync(outFile, text);
writeFileSync(descriptionsFile, serialiseDescriptions(descriptions));
console.log(`wrote ${relative(root, outFile)}: ${Object.keys(doc.roots).length} kinds, ${Object.keys(doc.definitions).length} definitions, ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`);
