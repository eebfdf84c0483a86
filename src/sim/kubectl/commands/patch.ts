// kubectl patch (strategic merge, JSON merge and JSON patch) and kubectl edit, which in a
// terminal without an editor says how to get the same change.

import { parse as parseYaml } from 'yaml';
import { KUBE_YAML } from '../../yaml.ts';
import { str, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { nameOf } from '../output.ts';
import { resolveObjects, type Resolved } from '../select.ts';
import { jsonPatch, mergePatch, strategicMerge } from '../patch.ts';
import { apiErrorText } from '../../store/types.ts';

type Json = Parameters<typeof mergePatch>[1];

const TYPES = ['json', 'merge', 'strategic'];

/** kubectl turns the patch into JSON with sigs.k8s.io/yaml, so YAML and JSON are both accepted. */
function parsePatch(text: string): { ok: true; value: Json } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseYaml(text, { ...KUBE_YAML, uniqueKeys: false, logLevel: 'error' }) as Json };
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    return { ok: false, error: `error: unable to parse "${text}": yaml: ${msg}` };
  }
}

/** The named objects, with kubectl's errors printed for names that do not resolve. */
function named(env: KubectlEnv, p: Parsed, o: Output): Resolved | undefined {
  const r = resolveObjects(env.cluster.store, p.args, { namespace: str(p, 'namespace') ?? env.namespace });
  if (typeof r === 'string') {
    o.err(r + '\n');
    return undefined;
  }
  for (const e of r.notFound) o.err(e + '\n');
  if (r.objects.length === 0 && r.notFound.length === 0) {
    o.err('error: resource(s) were provided, but no name was specified\n');
    return undefined;
  }
  return r;
}

function* patch(env: KubectlEnv, p: Parsed, o: Output): Job {
  const type = str(p, 'type') ?? 'strategic';
  if (!TYPES.includes(type)) {
    o.err(`error: --type must be one of [${TYPES.join(' ')}], not "${type}"\n`);
    return 1;
  }
  let text = str(p, 'patch');
  const file = str(p, 'patch-file');
  if (text === undefined && file !== undefined) {
    text = env.readFile(file);
    if (text === undefined) {
      o.err(`error: unable to read patch file: open ${file}: no such file or directory\n`);
      return 1;
    }
  }
  if (text === undefined || text.trim() === '') {
    o.err('error: must specify --patch or --patch-file containing the contents of the patch\n');
    return 1;
  }
  const parsed = parsePatch(text);
  if (!parsed.ok) {
    o.err(parsed.error + '\n');
    return 1;
  }
  const store = env.cluster.store;
  const r = named(env, p, o);
  if (!r) return 1;
  let failed = r.notFound.length > 0;
  for (const obj of r.objects) {
    // The patch functions never modify their target, so the stored object can be passed as is.
    const current = obj as unknown as Json;
    let next: Json;
    if (type === 'json') {
      const res = jsonPatch(current, parsed.value);
      if (!res.ok) {
        o.err(res.error.startsWith('json:') ? `Error from server (BadRequest): ${res.error}\n` : `Error from server: jsonpatch ${res.error}\n`);
        failed = true;
        continue;
      }
      next = res.value;
    } else if (type === 'merge') next = mergePatch(current, parsed.value);
    else next = strategicMerge(current, parsed.value);
    if (JSON.stringify(next) === JSON.stringify(current)) {
      o.out(`${nameOf(store, obj)} patched (no change)\n`);
      continue;
    }
    const res = env.cluster.api.replace(next, { namespace: obj.metadata.namespace ?? env.namespace });
    if (!res.ok) {
      o.err(apiErrorText(res.error) + '\n');
      failed = true;
      continue;
    }
    o.out(`${nameOf(store, res.object)} patched\n`);
  }
  env.cluster.clock.settle();
  return failed ? 1 : 0;
}

export const patchCommand: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'record', type: 'bool' },
  ],
  run: patch,
};

function* edit(env: KubectlEnv, p: Parsed, o: Output): Job {
  const store = env.cluster.store;
  const target = named(env, p, o)?.objects[0];
  if (!target) return 1;
  const name = nameOf(store, target);
  o.err(
    `error: kubectl edit needs an editor, and this terminal has none.\n` +
      `  In the Kubelab page, the editor opens ${name} for you; save to apply it.\n` +
      `  Here, change it with one of:\n` +
      `    kubectl patch ${name.replace(/\.[a-z.]+\//, '/')} -p '<yaml or json>'\n` +
      `    kubectl set image ${name.replace(/\.[a-z.]+\//, '/')} <container>=<image>\n` +
      `    kubectl get ${name.replace(/\.[a-z.]+\//, '/')} -o yaml > obj.yaml, edit obj.yaml, then kubectl replace -f obj.yaml\n`,
  );
  return 1;
}

export const editCommand: Command = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'record', type: 'bool' },
  ],
  run: edit,
};
