// The scheduler's VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding): the
// scheduler asks it three things about a pod's persistentVolumeClaim volumes.
//
// - preFilter: a claim that should already be bound (Immediate mode, or pre-bound by name)
//   and is not makes the pod unschedulable before any node is looked at.
// - filter: per node, a bound claim's volume must accept the node (node affinity), and a
//   WaitForFirstConsumer claim must find a free volume there or be provisionable.
// - preBind: once a node is chosen, bind the WaitForFirstConsumer claims (a static volume's
//   claimRef, or the selected-node annotation that starts provisioning), then report whether
//   everything is bound; the scheduler binds the pod only then, polling every second as the
//   real plugin does.

import type { Node, Pod } from '../../api.ts';
import type { SimContext } from '../../context.ts';
import {
  ANN_SELECTED_NODE,
  NOT_SUPPORTED_PROVISIONER,
  bindVolumeToClaim,
  claimClass,
  findMatchingVolume,
  isClaimFullyBound,
  isVolumeBoundToClaim,
  volumeNodeAffinityMatches,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from './helpers.ts';

/** The plugin's reasons, as kube-scheduler prints them. */
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

export type PreBindResult = 'bound' | 'waiting' | 'failed';

interface PodClaims {
  bound: PersistentVolumeClaim[];
  delayed: PersistentVolumeClaim[];
  immediate: PersistentVolumeClaim[];
}

export class VolumeBinding {
  constructor(private readonly sim: SimContext) {}

  private get store() {
    return this.sim.store;
  }

  private classOf(pvc: PersistentVolumeClaim): StorageClass | undefined {
    const name = claimClass(pvc);
    return name ? this.store.get<StorageClass>('StorageClass', undefined, name) : undefined;
  }

  /** GetPodVolumeClaims; claims that do not exist are the caller's concern (PreFilter's "not found"). */
  private claims(pod: Pod): PodClaims {
    const out: PodClaims = { bound: [], delayed: [], immediate: [] };
    const ns = pod.metadata.namespace ?? 'default';
    for (const v of pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const pvc = this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName);
      if (!pvc) continue;
      if (isClaimFullyBound(pvc)) out.bound.push(pvc);
      // A claim pre-bound by name counts as Immediate: the PV controller binds it.
      else if (this.classOf(pvc)?.volumeBindingMode === 'WaitForFirstConsumer' && !pvc.spec?.volumeName) out.delayed.push(pvc);
      else out.immediate.push(pvc);
    }
    return out;
  }

  hasClaims(pod: Pod): boolean {
    return (pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim);
  }

  preFilter(pod: Pod): string | undefined {
    if (!this.hasClaims(pod)) return undefined;
    return this.claims(pod).immediate.length > 0 ? ERR_UNBOUND_IMMEDIATE : undefined;
  }

  filter(pod: Pod, node: Node): string | undefined {
    if (!this.hasClaims(pod)) return undefined;
    const { bound, delayed } = this.claims(pod);
    for (const pvc of bound) {
      const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec?.volumeName ?? '');
      if (!pv) return ERR_PV_NOT_EXIST;
      if (!volumeNodeAffinityMatches(pv, node.metadata.labels, node.metadata.name)) return ERR_NODE_CONFLICT;
    }
    return this.planDelayed(delayed, node) ? undefined : ERR_BIND_CONFLICT;
  }

  /**
   * FindPodVolumes for the WaitForFirstConsumer claims on one node: each claim gets a free
   * volume there (none taken twice) or must be provisionable; undefined when some claim can't.
   */
  private planDelayed(delayed: PersistentVolumeClaim[], node: Node): Map<string, PersistentVolume | 'provision'> | undefined {
    const plan = new Map<string, PersistentVolume | 'provision'>();
    const taken = new Set<string>();
    const volumes = this.store.list<PersistentVolume>('PersistentVolume');
    for (const pvc of delayed) {
      const pv = findMatchingVolume(pvc, volumes, { nodeLabels: node.metadata.labels ?? {}, nodeName: node.metadata.name, excluded: taken });
      if (pv) {
        taken.add(pv.metadata.name ?? '');
        plan.set(pvc.metadata.name ?? '', pv);
        continue;
      }
      const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
      if (selected !== undefined && selected !== node.metadata.name) return undefined;
      const provisioner = this.classOf(pvc)?.provisioner ?? '';
      if (!provisioner || provisioner === NOT_SUPPORTED_PROVISIONER) return undefined;
      plan.set(pvc.metadata.name ?? '', 'provision');
    }
    return plan;
  }

  /** AssumePodVolumes + BindPodVolumes on the first call, then checkBindings. */
  preBind(pod: Pod, nodeName: string, first: boolean): PreBindResult {
    if (!this.hasClaims(pod)) return 'bound';
    const { delayed } = this.claims(pod);
    if (first && delayed.length) {
      const node = this.store.get<Node>('Node', undefined, nodeName);
      const plan = node ? this.planDelayed(delayed, node) : undefined;
      if (!plan) return 'failed';
      for (const pvc of delayed) {
        const choice = plan.get(pvc.metadata.name ?? '');
        if (choice === 'provision') {
          if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] !== nodeName) {
            this.store.update({ ...pvc, metadata: { ...pvc.metadata, annotations: { ...pvc.metadata.annotations, [ANN_SELECTED_NODE]: nodeName } } });
          }
        } else if (choice) {
          const next = bindVolumeToClaim(choice, pvc);
          if (next) this.store.update(next);
        }
      }
    }
    return this.checkBindings(pod);
  }

  private checkBindings(pod: Pod): PreBindResult {
    const ns = pod.metadata.namespace ?? 'default';
    for (const v of pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const pvc = this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName);
      if (!pvc) return 'failed';
      if (!isClaimFullyBound(pvc)) {
        // Provisioning gave up on this node (the selected-node annotation was taken back).
        const delayed = this.classOf(pvc)?.volumeBindingMode === 'WaitForFirstConsumer';
        const claimed = this.store.list<PersistentVolume>('PersistentVolume').some((pv) => isVolumeBoundToClaim(pv, pvc));
        if (delayed && !claimed && pvc.metadata.annotations?.[ANN_SELECTED_NODE] === undefined) return 'failed';
        return 'waiting';
      }
      const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec?.volumeName ?? '');
      if (!pv || !isVolumeBoundToClaim(pv, pvc)) return 'waiting';
    }
    return 'bound';
  }
}
