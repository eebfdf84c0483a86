// The kubectl command registry. The terminal, the headless runner, lessons and tests are all
// callers of `kubectl(env, argv)`; each verb declares its flags and how it runs.

import type { VirtualClock } from '../clock.ts';
import { editDistance } from '../editDistance.ts';
import { FlagError, parseFlags } from './flags.ts';
import type { Command, Job, KubectlEnv, Output } from './types.ts';
import { applyCommand, createCommand, deleteCommand, replaceCommand } from './commands/apply.ts';
import { describeCommand, getCommand } from './commands/get.ts';
import { execCommand, logsCommand, runCommand } from './commands/containers.ts';
import { waitCommand } from './commands/wait.ts';
import { scaleCommand } from './commands/scale.ts';
import { rolloutCommand, setCommand } from './commands/rollout.ts';
import { editCommand, patchCommand } from './commands/patch.ts';
import { exposeCommand } from './commands/expose.ts';
import { cordonCommand, drainCommand, uncordonCommand } from './commands/drain.ts';
import { annotateCommand, apiResourcesCommand, clusterInfoCommand, explainCommand, labelCommand, topCommand, versionCommand } from './commands/misc.ts';
import { configCommand } from './commands/config.ts';
import { taintCommand } from './commands/taint.ts';
import { apiVersionsCommand, authCommand, NOT_IN_LAB } from './commands/access.ts';
import { eventsCommand } from './commands/events.ts';

export type { Command, Job, KubectlEnv, Output } from './types.ts';

export const COMMANDS: Command[] = [
  getCommand,
  describeCommand,
  applyCommand,
  createCommand,
  replaceCommand,
  deleteCommand,
  logsCommand,
  execCommand,
  runCommand,
  labelCommand,
  annotateCommand,
  explainCommand,
  topCommand,
  versionCommand,
  apiResourcesCommand,
  clusterInfoCommand,
  waitCommand,
  scaleCommand,
  rolloutCommand,
  setCommand,
  patchCommand,
  editCommand,
  exposeCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  eventsCommand,
  apiVersionsCommand,
  authCommand,
  configCommand,
];

const REGISTRY = new Map<string, Command>();
for (const c of COMMANDS) {
  REGISTRY.set(c.name, c);
  for (const a of c.aliases ?? []) REGISTRY.set(a, c);
}

export function registerCommand(c: Command): void {
  if (!COMMANDS.includes(c)) COMMANDS.push(c);
  REGISTRY.set(c.name, c);
  for (const a of c.aliases ?? []) REGISTRY.set(a, c);
}

function* fail(o: Output, text: string): Job {
  o.err(text);
  return 1;
}

/** Run `kubectl <argv...>`. Never throws: a bug becomes an error line, not a crash. */
export function* kubectl(env: KubectlEnv, argv: string[], o: Output): Job {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    o.out('kubectl controls the Kubernetes cluster manager.\n\nBasic Commands:\n' + COMMANDS.map((c) => `  ${c.name.padEnd(14)}${c.short}`).join('\n') + '\n\nUsage:\n  kubectl [flags] [options]\n');
    return 0;
  }
  const cmd = REGISTRY.get(verb);
  const missing = cmd ? undefined : NOT_IN_LAB[verb];
  if (missing) return yield* fail(o, `error: "kubectl ${verb}" is not available in this lab: ${missing}\n`);
  if (!cmd) {
    const suggestions = COMMANDS.map((c) => c.name).filter((n) => editDistance(n, verb) <= 2 || n.startsWith(verb));
    const did = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}` : '';
    return yield* fail(o, `error: unknown command "${verb}" for "kubectl"${did}\n`);
  }
  // Flags after `--` belong to the command run in the container (`exec POD -- redis-cli -h x`).
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    o.out(`${cmd.short}.\n\nUsage:\n  kubectl ${cmd.name} [options]\n\nOptions:\n${cmd.flags.map((f) => `  ${f.short ? `-${f.short}, ` : '    '}--${f.name}`).join('\n')}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseFlags(rest, cmd.flags, cmd.name);
  } catch (e) {
    if (e instanceof FlagError) return yield* fail(o, `error: ${e.message}\n`);
    throw e;
  }
  const kc = env.kubeconfig;
  if (kc && cmd !== configCommand) {
    // --context picks another context of the kubeconfig for this one command.
    const named = parsed.flags.get('context');
    const context = typeof named === 'string' && named ? named : kc.current;
    if (context !== kc.current && !kc.contexts.has(context)) return yield* fail(o, `error: context was not found for specified context: ${context}\n`);
    // With no usable context, kubectl falls back to localhost:8080, where nothing listens.
    if (!kc.isReachable(context)) return yield* fail(o, 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
    if (context !== kc.current) env = { ...env, namespace: kc.namespaceOf(context) };
  }
  try {
    return yield* asActor(env.cluster.clock, 'kubectl', cmd.run(env, parsed, o));
  } catch (e) {
    o.err(`error: internal error in the simulated kubectl ${cmd.name}: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}

/**
 * Run a command's generator as 'kubectl' (clock.actor) between its waits: the control plane
 * trace names kubectl as the writer. Stopping the wrapper (Ctrl+C: return()) stops the command,
 * so its cleanup runs, as yield* would.
 */
function* asActor(clock: VirtualClock, actor: string, job: Job): Job {
  let finished = false;
  try {
    let r = clock.as(actor, () => job.next());
    while (!r.done) {
      yield r.value;
      r = clock.as(actor, () => job.next());
    }
    finished = true;
    return r.value;
  } finally {
    if (!finished) clock.as(actor, () => job.return(130));
  }
}
