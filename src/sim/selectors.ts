/**
 * Label and node selectors, matched the way apimachinery's labels.Selector and the scheduler's
 * nodeaffinity helpers do. One place for the operator table, so a workload's selector, a PVC's
 * selector, a volume's node affinity and a pod's node affinity can never disagree.
 */

/** A label's value: only the object's own keys (a label named `constructor` is just a label). */
export function labelOf(labels: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return labels && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

export interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[] | null;
}

export interface LabelSelectorLike {
  readonly matchLabels?: Readonly<Record<string, string>> | null;
  readonly matchExpressions?: readonly Requirement[] | null;
}

type Labels = Readonly<Record<string, string>> | undefined;

function valuesOf(req: Requirement): readonly string[] {
  return Array.isArray(req.values) ? req.values : [];
}

/** One LabelSelectorRequirement: In, NotIn, Exists, DoesNotExist (anything else never matches). */
export function labelRequirementMatches(req: Requirement, labels: Labels): boolean {
  const v = labelOf(labels, req.key);
  switch (req.operator) {
    case 'In':
      return v !== undefined && valuesOf(req).includes(v);
    case 'NotIn':
      return v === undefined || !valuesOf(req).includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    default:
      return false;
  }
}

/** One NodeSelectorRequirement: the label operators plus Gt and Lt (integer comparison). */
export function nodeRequirementMatches(req: Requirement, labels: Labels): boolean {
  if (req.operator !== 'Gt' && req.operator !== 'Lt') return labelRequirementMatches(req, labels);
  const v = labelOf(labels, req.key);
  const bound = valuesOf(req)[0];
  if (v === undefined || bound === undefined || !/^-?\d+$/.test(v) || !/^-?\d+$/.test(bound)) return false;
  return req.operator === 'Gt' ? Number(v) > Number(bound) : Number(v) < Number(bound);
}

/** metav1.LabelSelectorAsSelector(sel).Matches(labels): every matchLabels pair and every expression. */
export function labelSelectorMatches(selector: LabelSelectorLike, labels: Labels): boolean {
  const ml = selector.matchLabels && typeof selector.matchLabels === 'object' ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(ml)) if (labelOf(labels, k) !== v) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return exprs.every((e) => labelRequirementMatches(e, labels));
}

/** True when a LabelSelector has neither matchLabels nor matchExpressions. */
export function labelSelectorEmpty(selector: LabelSelectorLike | null | undefined): boolean {
  if (!selector) return true;
  const ml = selector.matchLabels && typeof selector.matchLabels === 'object' ? selector.matchLabels : {};
  return Object.keys(ml).length === 0 && !(Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0);
}

/**
 * A NodeSelectorTerm: all its label expressions and all its field expressions (fields are given as
 * a map). A term with neither matches nothing, as upstream's nodeaffinity says.
 */
export function nodeSelectorTermMatches(
  term: { readonly matchExpressions?: readonly Requirement[] | null; readonly matchFields?: readonly Requirement[] | null },
  labels: Labels,
  fields: Labels,
): boolean {
  if (!term.matchExpressions?.length && !term.matchFields?.length) return false;
  return (term.matchExpressions ?? []).every((e) => nodeRequirementMatches(e, labels)) && (term.matchFields ?? []).every((f) => nodeRequirementMatches(f, fields));
}

interface NodeLike {
  readonly metadata: { readonly name?: string; readonly labels?: Readonly<Record<string, string>> };
}

interface PodPlacement {
  readonly nodeSelector?: Readonly<Record<string, string>> | null;
  readonly affinity?: {
    readonly nodeAffinity?: {
      readonly requiredDuringSchedulingIgnoredDuringExecution?: {
        readonly nodeSelectorTerms?: readonly { readonly matchExpressions?: readonly Requirement[] | null; readonly matchFields?: readonly Requirement[] | null }[];
      } | null;
    } | null;
  } | null;
}

/**
 * The NodeAffinity filter: spec.nodeSelector (every pair) and, when present, one of the required
 * nodeSelectorTerms. matchFields knows the one field Kubernetes supports, metadata.name.
 */
export function podFitsNodeAffinity(spec: PodPlacement | undefined, node: NodeLike): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec?.nodeSelector ?? {})) if (labelOf(labels, k) !== v) return false;
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return true;
  const fields = { 'metadata.name': node.metadata.name ?? '' };
  return terms.some((t) => nodeSelectorTermMatches(t, labels, fields));
}

export interface TaintLike {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

export interface TolerationLike {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
}

/** v1.Toleration.ToleratesTaint for any of the tolerations. */
export function tolerates(tolerations: readonly TolerationLike[], taint: TaintLike): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** labels.SelectorFromSet for a Service's or ReplicationController's map; an empty map selects nothing here. */
export function mapSelectorMatches(selector: Readonly<Record<string, string>> | undefined, labels: Labels): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labelOf(labels, k) === v);
}
