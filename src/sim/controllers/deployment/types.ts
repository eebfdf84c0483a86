// Plain shapes the Deployment arithmetic works on. They carry only the numbers the upstream
// functions read, so the controller (and tests) can build them from store objects or by hand.

import type { IntOrString } from './intstr.ts';

/** The fields of a ReplicaSet that deployment_util.go and rolling.go look at. */
export interface RSLike {
  name: string;
  /** metadata.creationTimestamp in ms; ties are broken by name, as ReplicaSetsByCreationTimestamp does. */
  created: number;
  specReplicas: number;
  statusReplicas: number;
  availableReplicas: number;
  readyReplicas?: number;
  /** deployment.kubernetes.io/revision; upstream reads a missing annotation as 0. */
  revision?: number;
  generation?: number;
  observedGeneration?: number;
  /** metadata.deletionTimestamp is set. */
  deleting?: boolean;
  /** deployment.kubernetes.io/desired-replicas and max-replicas, when the RS carries them. */
  desiredReplicas?: number;
  maxReplicas?: number;
}

export type DeploymentStrategyType = 'RollingUpdate' | 'Recreate';

/** The fields of a (defaulted) apps/v1 Deployment spec the arithmetic needs. */
export interface DeploymentLike {
  replicas: number;
  strategy: { type: DeploymentStrategyType; maxSurge?: IntOrString; maxUnavailable?: IntOrString };
  minReadySeconds?: number;
  /** Undefined or MAX_INT32 means "no deadline" (HasProgressDeadline). */
  progressDeadlineSeconds?: number;
  /** Undefined or MAX_INT32 means "keep everything" (HasRevisionHistoryLimit). */
  revisionHistoryLimit?: number;
  paused?: boolean;
  generation?: number;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface DeploymentCondition {
  type: 'Available' | 'Progressing' | 'ReplicaFailure';
  status: ConditionStatus;
  reason: string;
  message: string;
  /** ms on the virtual clock */
  lastUpdateTime: number;
  /** ms on the virtual clock */
  lastTransitionTime: number;
}

/** The counters of DeploymentStatus; calculateStatus fills them from the ReplicaSets. */
export interface DeploymentStatusCounts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
}

export interface DeploymentStatusLike extends DeploymentStatusCounts {
  observedGeneration: number;
  conditions: DeploymentCondition[];
}

/** math.MaxInt32: the sentinel upstream uses for "no deadline" / "keep all revisions". */
export const MAX_INT32 = 2147483647;
