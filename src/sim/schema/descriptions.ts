// The schema's doc comments live in their own file (k8s-descriptions.json), keyed by the
// path of the node inside `definitions` (`core.v1.Pod`, `core.v1.Pod/properties/spec`,
// `core.v1.Container/properties/ports/items`). Decoding needs only the structure, which is
// small; the descriptions are three quarters of the bytes and only `kubectl explain` and the
// editor's hover text read them. So the page loads them after first paint, and Node entry
// points (the runner, tests) load them at once through `./full.ts`.

export type DescriptionTable = Record<string, string>;

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(node: Node, path: string, visit: (node: Node, path: string) => void): void {
  visit(node, path);
  const props = node['properties'];
  if (isNode(props)) for (const [k, v] of Object.entries(props)) if (isNode(v)) walk(v, `${path}/properties/${k}`, visit);
  if (isNode(node['items'])) walk(node['items'], `${path}/items`, visit);
  if (isNode(node['additionalProperties'])) walk(node['additionalProperties'], `${path}/additionalProperties`, visit);
}

/** Move every description out of `definitions` (mutating it) into a table. */
export function splitDescriptions(definitions: Record<string, unknown>): DescriptionTable {
  const table: DescriptionTable = {};
  for (const [name, def] of Object.entries(definitions)) {
    if (!isNode(def)) continue;
    walk(def, name, (node, path) => {
      if (typeof node['description'] === 'string') {
        table[path] = node['description'];
        delete node['description'];
      }
    });
  }
  return table;
}

/** Put the descriptions back on their nodes (mutating `definitions`). */
export function attachDescriptions(definitions: Record<string, unknown>, table: DescriptionTable): void {
  for (const [name, def] of Object.entries(definitions)) {
    if (!isNode(def)) continue;
    walk(def, name, (node, path) => {
      const d = table[path];
      if (d !== undefined) node['description'] = d;
    });
  }
}
