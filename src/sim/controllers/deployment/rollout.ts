// kubectl's client-side rollout logic for Deployments (kubectl pkg/polymorphichelpers
// rollout_status.go, history.go, rollback.go and pkg/cmd/rollout), as pure text/decision helpers.

import { goQuote } from './intstr.ts';
import { ANNOTATIONS_TO_SKIP, REASON_TIMED_OUT } from './util.ts';

export interface RolloutStatusInput {
  generation: number;
  observedGeneration: number;
  specReplicas: number;
  status: { replicas: number; updatedReplicas: number; availableReplicas: number };
  /** Reason of the Progressing condition, if there is one. */
  progressingReason?: string;
  /** --revision; 0/undefined means "any". */
  revision?: number;
  /** The Deployment's deployment.kubernetes.io/revision (missing = 0). */
  deploymentRevision?: number;
}

export interface RolloutStatusResult {
  /** One line ending in "\n" (empty when error is set). */
  message: string;
  done: boolean;
  /** kubectl prints "error: <error>" and exits 1. */
  error?: string;
}

/** DeploymentStatusViewer.Status. kubectl prints the message on every watch event. */
export function rolloutStatusMessage(name: string, d: RolloutStatusInput): RolloutStatusResult {
  const q = goQuote(name);
  if (d.revision !== undefined && d.revision > 0) {
    const running = d.deploymentRevision ?? 0;
    if (running !== d.revision) {
      return {
        message: '',
        done: false,
        error: `desired revision (${d.revision}) is different from the running revision (${running})`,
      };
    }
  }
  if (d.generation > d.observedGeneration) {
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (d.progressingReason === REASON_TIMED_OUT) {
    return { message: '', done: false, error: `deployment ${q} exceeded its progress deadline` };
  }
  const { replicas, updatedReplicas, availableReplicas } = d.status;
  const waiting = `Waiting for deployment ${q} rollout to finish: `;
  if (updatedReplicas < d.specReplicas) {
    return { message: `${waiting}${updatedReplicas} out of ${d.specReplicas} new replicas have been updated...\n`, done: false };
  }
  if (replicas > updatedReplicas) {
    return { message: `${waiting}${replicas - updatedReplicas} old replicas are pending termination...\n`, done: false };
  }
  if (availableReplicas < updatedReplicas) {
    return { message: `${waiting}${availableReplicas} of ${updatedReplicas} updated replicas are available...\n`, done: false };
  }
  return { message: `deployment ${q} successfully rolled out\n`, done: true };
}

/** text/tabwriter with minwidth 0, tabwidth 8, padding 2, padchar ' ' for tab-terminated cells. */
function tabbed(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd((widths[i] ?? 0) + 2 + cell.length - [...cell].length) : cell)).join(''))
    .map((line) => `${line}\n`)
    .join('');
}

export interface HistoryEntry {
  /** deployment.kubernetes.io/revision of an RS (upstream reads a missing one as 0). */
  revision: number;
  /** kubernetes.io/change-cause of that RS. */
  changeCause?: string;
}

/**
 * Full stdout of `kubectl rollout history deployment/<name>`: the name printer line (note the
 * trailing space), then the table sorted by revision, then a blank line. With no ReplicaSets at
 * all: "No rollout history found." Two RSs with the same revision: the later one wins.
 */
export function historyTable(name: string, revisions: readonly HistoryEntry[], resource = 'deployment.apps'): string {
  const byRevision = new Map<number, string>();
  for (const r of revisions) byRevision.set(r.revision, r.changeCause ?? '');
  const head = `${resource}/${name} `;
  if (byRevision.size === 0) return `${head}\nNo rollout history found.\n`;
  const rows = [...byRevision.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rev, cause]) => [String(rev), cause.length > 0 ? cause : '<none>']);
  return `${head}\n${tabbed([['REVISION', 'CHANGE-CAUSE'], ...rows])}\n`;
}

/** `rollout history --revision=N`: header plus the pod template description (built elsewhere). */
export function historyRevisionOutput(name: string, revision: number, templateDescription: string, resource = 'deployment.apps'): string {
  return `${resource}/${name} with revision #${revision}\n${templateDescription}\n`;
}

export const HISTORY_REVISION_NOT_FOUND = 'unable to find the specified revision';

export type RollbackPick<T> = { ok: true; target: T } | { ok: false; error: string };

/**
 * rollback.go deploymentRevision + the paused check, in kubectl's order: a negative revision,
 * then the lookup (exact --to-revision, or the second-highest revision when 0), then paused.
 * The caller then compares templates: equal -> "skipped rollback", else patch the Deployment.
 */
export function pickRollbackRevision<T extends { revision: number }>(
  revisions: readonly T[],
  toRevision: number,
  opts: { deploymentName: string; paused?: boolean },
): RollbackPick<T> {
  const notFound = `unable to find specified revision ${toRevision} in history`;
  if (toRevision < 0) return { ok: false, error: notFound };
  let latest = -1;
  let previous = -1;
  let latestRS: T | undefined;
  let previousRS: T | undefined;
  let target: T | undefined;
  for (const rs of revisions) {
    const v = rs.revision;
    if (toRevision === 0) {
      if (latest < v) {
        previous = latest;
        previousRS = latestRS;
        latest = v;
        latestRS = rs;
      } else if (previous < v) {
        previous = v;
        previousRS = rs;
      }
    } else if (toRevision === v) {
      target = rs;
      break;
    }
  }
  if (toRevision > 0 && target === undefined) return { ok: false, error: notFound };
  if (toRevision === 0) {
    if (previousRS === undefined) {
      return { ok: false, error: `no rollout history found for deployment ${goQuote(opts.deploymentName)}` };
    }
    target = previousRS;
  }
  if (opts.paused) {
    return {
      ok: false,
      error: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${opts.deploymentName}' and try again`,
    };
  }
  // target is set on every path that reaches here.
  return target === undefined ? { ok: false, error: notFound } : { ok: true, target };
}

/**
 * The stdout line of `rollout undo`. The skipped message quotes the --to-revision flag as given,
 * so a plain `undo` whose previous template already matches says "revision 0".
 */
export function rollbackResultMessage(name: string, skipped: boolean, toRevision: number, resource = 'deployment.apps'): string {
  return skipped
    ? `${resource}/${name} skipped rollback (current template already matches revision ${toRevision})\n`
    : `${resource}/${name} rolled back\n`;
}

/**
 * The annotations kubectl's rollback patch writes to /metadata/annotations: the Deployment's
 * skip-listed ones (revision, last-applied-configuration, ...) plus every other annotation of
 * the target RS (e.g. kubernetes.io/change-cause). Anything else on the Deployment is dropped.
 */
export function rollbackAnnotations(
  deploymentAnnotations: Readonly<Record<string, string>>,
  rsAnnotations: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(deploymentAnnotations)) if (ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(rsAnnotations)) if (!ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  return out;
}
