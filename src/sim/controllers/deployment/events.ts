// ScalingReplicaSet event messages (sync.go getNewReplicaSet / scaleReplicaSet).
//
// History, as far as it could be checked:
// - Originally every scaling said "Scaled up|down replica set X to N" (the docs examples).
// - PR #101142 (opened 2021-04) added the old size: "Scaled up|down replica set X to N from M".
//   Creation of a new RS kept "Scaled up replica set X to N". Release not pinned down.
// - PR #125118 reordered it to "... from M to N" and creation to "... from 0 to N". Its release
//   note is in CHANGELOG-1.32 (v1.32.0-alpha.2), so v1.31 still prints "to N from M".

export const SCALING_REPLICASET_REASON = 'ScalingReplicaSet';

/** Which controller release's wording to use; the simulator targets v1.31. */
export type EventWording = 'v1.31' | 'v1.32';

/** Event for a new RS created with size > 0 (no event is emitted for size 0). */
export function createdReplicaSetEventMessage(rsName: string, replicas: number, wording: EventWording = 'v1.31'): string {
  return wording === 'v1.31'
    ? `Scaled up replica set ${rsName} to ${replicas}`
    : `Scaled up replica set ${rsName} from 0 to ${replicas}`;
}

/**
 * Event for a later spec change; undefined when the size does not change (upstream records no
 * event for an annotation-only update). Up means the new size is larger.
 */
export function scalingReplicaSetEventMessage(
  rsName: string,
  from: number,
  to: number,
  wording: EventWording = 'v1.31',
): string | undefined {
  if (from === to) return undefined;
  const op = from < to ? 'up' : 'down';
  return wording === 'v1.31'
    ? `Scaled ${op} replica set ${rsName} to ${to} from ${from}`
    : `Scaled ${op} replica set ${rsName} from ${from} to ${to}`;
}
