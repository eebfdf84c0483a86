// What the simulator's components share. Components get this, never each other: they talk
// through the store (watch events), as Kubernetes components talk through the API server.

import type { VirtualClock } from './clock.ts';
import type { EventRecorder } from './events.ts';
import type { SeededRandom } from './random.ts';
import type { ClusterNetwork } from './runtime/network.ts';
import type { DirNode } from './runtime/vfs.ts';
import type { ObjectStore } from './store/store.ts';
import type { ComponentGate } from './controllers/workqueue.ts';
import type { Applet } from './runtime/shell/types.ts';

export interface SimContext {
  clock: VirtualClock;
  random: SeededRandom;
  store: ObjectStore;
  events: EventRecorder;
  network: ClusterNetwork;
  /** Kubernetes version the cluster reports everywhere, e.g. v1.31.4. */
  version: string;
  /** kube-controller-manager running or not: its controllers' queues wait while it is down. */
  controllerManager?: ComponentGate;
  /**
   * Applets installed with kubectl (awk, sed, xargs), which every shell in the cluster has
   * beside the core busybox table; empty until a Session with kubectl is made.
   */
  applets: Map<string, Applet>;
}

/** A node's machine: its filesystem (what `ssh node01` sees) and its image cache. */
export interface NodeMachine {
  name: string;
  /** Index into the pod CIDR: pods on this node get 10.244.<index>.x. */
  index: number;
  ip: string;
  root: DirNode;
  images: Map<string, number>;
  /** Image pulls are serialised per node (the kubelet's default); when the puller is free. */
  pullFreeAt: number;
  /** Images with a pull queued or under way, and when it ends (a later pull of the same image finds its layers there). */
  pulling: Map<string, number>;
}
