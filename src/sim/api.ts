// The API types the simulator works with: kubernetes-types' definitions (with their doc
// comments), made writable. The store hands out fresh copies, so code that builds or edits an
// object before writing it back may mutate its own copy freely.

import type * as core from 'kubernetes-types/core/v1';
import type * as meta from 'kubernetes-types/meta/v1';

export type DeepMutable<T> = T extends (infer U)[]
  ? DeepMutable<U>[]
  : T extends readonly (infer U)[]
    ? DeepMutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;

export type ObjectMeta = DeepMutable<meta.ObjectMeta>;
export type OwnerReference = DeepMutable<meta.OwnerReference>;
export type LabelSelector = DeepMutable<meta.LabelSelector>;

interface Typed {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export type Pod = DeepMutable<core.Pod> & Typed;
export type PodSpec = DeepMutable<core.PodSpec>;
export type PodStatus = DeepMutable<core.PodStatus>;
export type PodCondition = DeepMutable<core.PodCondition>;
export type Container = DeepMutable<core.Container>;
export type ContainerStatus = DeepMutable<core.ContainerStatus>;
export type ContainerState = DeepMutable<core.ContainerState>;
export type Probe = DeepMutable<core.Probe>;
export type Volume = DeepMutable<core.Volume>;
export type Node = DeepMutable<core.Node> & Typed;
export type Namespace = DeepMutable<core.Namespace> & Typed;
export type Service = DeepMutable<core.Service> & Typed;
export type ServicePort = DeepMutable<core.ServicePort>;
export type Endpoints = DeepMutable<core.Endpoints> & Typed;
export type ConfigMap = DeepMutable<core.ConfigMap> & Typed;
export type Secret = DeepMutable<core.Secret> & Typed;
export type KEvent = DeepMutable<core.Event> & Typed;
export type Taint = DeepMutable<core.Taint>;
export type Toleration = DeepMutable<core.Toleration>;
