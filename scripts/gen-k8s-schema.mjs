// Generates src/ui/editor/k8s-editor-schema.json: the JSON schema monaco-yaml uses for
// completion, hover docs and diagnostics in the editor. Run: npx tsx scripts/gen-k8s-schema.mjs
// (the output is committed; nothing runs this at install, build or test time).
// Run it with tsx (npx tsx scripts/gen-k8s-schema.mjs): it reuses the simulator's TypeScript helper that
// puts the doc comments (kept in their own file, k8s-descriptions.json) back on the schema.
//
// Why it starts from src/sim/schema/k8s-schema.json instead of calling ts-json-schema-generator
// again: that file is already generated from kubernetes-types one kind at a time and merged
// (scripts/gen-schema.ts), with IntOrString, Quantity and the free-form types relaxed the way the
// API server decodes them. Two generators over the same types could drift apart; one source means
// the editor and the simulator's own decoder never disagree about a field. Regenerate the sim's
// schema first (npx tsx scripts/gen-schema.ts) if kubernetes-types changes.
//
// What this adds for the editor: one document schema keyed on `kind` (if/then per kind), so a
// multi-document file gets the right schema per document; value suggestions for apiVersion and
// kind; enums for the fields where the server only accepts a fixed set. What it strips (the file
// ships to the browser, gzip size matters): status subtrees (never written by hand; kept as a
// free-form object so pasted `kubectl get -o yaml` output is not flagged), the simulator's own
// annotations (x-go-type, format), the "More info" links and everything after a description's
// first paragraph (hover shows one short paragraph well; the long Go-doc tails are noise).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attachDescriptions } from '../src/sim/schema/descriptions.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'sim', 'schema', 'k8s-schema.json');
const outFile = join(root, 'src', 'ui', 'editor', 'k8s-editor-schema.json');

// Kinds nobody writes in a lab (the cluster makes them); leaving them out keeps the file small.
const SKIP_KINDS = new Set(['v1/Event', 'discovery.k8s.io/v1/EndpointSlice']);

// Fields whose value the API server checks against a fixed list ("Unsupported value").
const ENUMS = {
  'core.v1.Container': { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['File', 'FallbackToLogsOnError'] },
  'core.v1.ContainerPort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'core.v1.ServicePort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'core.v1.EndpointPort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'core.v1.PodSpec': { restartPolicy: ['Always', 'OnFailure', 'Never'], dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] },
  'core.v1.ServiceSpec': { type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], sessionAffinity: ['None', 'ClientIP'], externalTrafficPolicy: ['Cluster', 'Local'], internalTrafficPolicy: ['Cluster', 'Local'] },
  'core.v1.PersistentVolumeSpec': { persistentVolumeReclaimPolicy: ['Retain', 'Delete', 'Recycle'], volumeMode: ['Filesystem', 'Block'] },
  'core.v1.PersistentVolumeClaimSpec': { volumeMode: ['Filesystem', 'Block'] },
  'core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'core.v1.Toleration': { operator: ['Exists', 'Equal'], effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'core.v1.EmptyDirVolumeSource': { medium: ['', 'Memory'] },
  'meta.v1.LabelSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
  'apps.v1.DeploymentStrategy': { type: ['RollingUpdate', 'Recreate'] },
  'apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'apps.v1.StatefulSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'apps.v1.DaemonSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'storage.v1.StorageClass': { reclaimPolicy: ['Retain', 'Delete'], volumeBindingMode: ['Immediate', 'WaitForFirstConsumer'] },
};
// Array fields whose items come from a fixed list.
const ITEM_ENUMS = {
  'core.v1.PersistentVolumeSpec': { accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] },
  'core.v1.PersistentVolumeClaimSpec': { accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] },
};

const STATUS = { type: 'object', description: 'Written by the cluster, not by you; ignored when you apply.' };

function shortDescription(text) {
  const first = text.split(/\n\s*\n/)[0] ?? '';
  return first.replace(/\s*More info: \S+/g, '').replace(/\s+/g, ' ').trim();
}

// Keeps only what hover, completion and validation read.
function slim(node) {
  if (Array.isArray(node)) return node.map(slim);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'x-go-type' || key === 'format') continue;
    if (key === 'description') {
      if (typeof value === 'string' && value) out.description = shortDescription(value);
      continue;
    }
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, slim(v)]));
      continue;
    }
    out[key] = slim(value);
  }
  if (out.description === '') delete out.description;
  return out;
}

const sim = JSON.parse(readFileSync(source, 'utf8'));
const definitions = structuredClone(sim.definitions);
attachDescriptions(definitions, JSON.parse(readFileSync(join(root, 'src', 'sim', 'schema', 'k8s-descriptions.json'), 'utf8')));
const kinds = Object.entries(sim.roots)
  .filter(([key]) => !SKIP_KINDS.has(key))
  .map(([key, ref]) => {
    const slash = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1), def: ref.$ref.replace('#/definitions/', '') };
  });

for (const { apiVersion, def } of kinds) {
  const props = definitions[def]?.properties;
  if (!props) throw new Error(`${def} has no properties`);
  if (props.status) props.status = STATUS;
  props.apiVersion = { ...props.apiVersion, examples: [apiVersion] };
}
for (const [def, fields] of Object.entries(ENUMS)) {
  for (const [field, values] of Object.entries(fields)) {
    const prop = definitions[def]?.properties?.[field];
    if (!prop) throw new Error(`enum target ${def}.${field} does not exist`);
    prop.enum = values;
  }
}
for (const [def, fields] of Object.entries(ITEM_ENUMS)) {
  for (const [field, values] of Object.entries(fields)) {
    const items = definitions[def]?.properties?.[field]?.items;
    if (!items) throw new Error(`item enum target ${def}.${field} does not exist`);
    items.enum = values;
  }
}

// Only definitions reachable from the kept kinds (status types drop out here).
const reachable = new Set();
const visit = (node) => {
  if (Array.isArray(node)) return node.forEach(visit);
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/definitions/', '');
      if (!reachable.has(name)) {
        reachable.add(name);
        visit(definitions[name]);
      }
    } else visit(value);
  }
};
for (const { def } of kinds) {
  reachable.add(def);
  visit(definitions[def]);
}

const kindNames = [...new Set(kinds.map((k) => k.kind))].sort();
const apiVersions = [...new Set(kinds.map((k) => k.apiVersion))].sort();
const podDef = definitions['core.v1.Pod'].properties;
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: `Generated by scripts/gen-k8s-schema.mjs from src/sim/schema/k8s-schema.json (${/kubernetes-types \d+(?:\.\d+)*/.exec(sim.$comment ?? '')?.[0] ?? 'kubernetes-types'}). Do not edit by hand.`,
  type: 'object',
  properties: {
    apiVersion: { type: 'string', description: shortDescription(podDef.apiVersion.description ?? ''), examples: apiVersions },
    kind: { type: 'string', description: shortDescription(podDef.kind.description ?? ''), examples: kindNames },
  },
  required: ['apiVersion', 'kind'],
  // Keyed on kind alone: a wrong apiVersion for a known kind is reported by the editor's own
  // check (with Kubernetes' error and a hint) rather than by the schema a second time.
  allOf: kinds.map(({ kind, def }) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: { $ref: `#/definitions/${def}` },
  })),
  definitions: Object.fromEntries([...reachable].sort().map((name) => [name, slim(definitions[name])])),
};

const text = JSON.stringify(schema) + '\n';
writeFileSync(outFile, text);
console.log(`wrote ${relative(root, outFile)}: ${kinds.length} kinds, ${reachable.size} definitions, ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`);
