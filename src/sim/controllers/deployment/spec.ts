// Bridge from an apps/v1 Deployment spec (as stored, or as typed by a user) to DeploymentLike.
// Missing fields get SetDefaults_Deployment's values, so the arithmetic sees what the
// controller would see after admission even when handed a raw manifest.

import type { IntOrString } from './intstr.ts';
import type { DeploymentLike, DeploymentStrategyType } from './types.ts';

/** apps/v1 SetDefaults_Deployment (reference 1.1). The rollingUpdate block only for RollingUpdate. */
export const DEPLOYMENT_DEFAULTS = {
  replicas: 1,
  strategyType: 'RollingUpdate',
  maxUnavailable: '25%',
  maxSurge: '25%',
  revisionHistoryLimit: 10,
  progressDeadlineSeconds: 600,
  minReadySeconds: 0,
} as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const intOrString = (v: unknown): IntOrString | undefined =>
  typeof v === 'number' || typeof v === 'string' ? v : undefined;

export function deploymentLikeFromSpec(spec: unknown, generation?: number): DeploymentLike {
  const s = isRecord(spec) ? spec : {};
  const strategy = isRecord(s['strategy']) ? s['strategy'] : {};
  const type: DeploymentStrategyType = strategy['type'] === 'Recreate' ? 'Recreate' : DEPLOYMENT_DEFAULTS.strategyType;
  const ru = isRecord(strategy['rollingUpdate']) ? strategy['rollingUpdate'] : {};
  const d: DeploymentLike = {
    replicas: num(s['replicas']) ?? DEPLOYMENT_DEFAULTS.replicas,
    strategy:
      type === 'Recreate'
        ? { type }
        : {
            type,
            maxSurge: intOrString(ru['maxSurge']) ?? DEPLOYMENT_DEFAULTS.maxSurge,
            maxUnavailable: intOrString(ru['maxUnavailable']) ?? DEPLOYMENT_DEFAULTS.maxUnavailable,
          },
    minReadySeconds: num(s['minReadySeconds']) ?? DEPLOYMENT_DEFAULTS.minReadySeconds,
    progressDeadlineSeconds: num(s['progressDeadlineSeconds']) ?? DEPLOYMENT_DEFAULTS.progressDeadlineSeconds,
    revisionHistoryLimit: num(s['revisionHistoryLimit']) ?? DEPLOYMENT_DEFAULTS.revisionHistoryLimit,
    paused: s['paused'] === true,
  };
  if (generation !== undefined) d.generation = generation;
  return d;
}
