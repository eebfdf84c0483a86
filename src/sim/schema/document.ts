// The generated OpenAPI-like schema (k8s-schema.json) and the few lookups every consumer needs.
// The JSON is imported once; nothing here copies or re-indexes it.
import generated from './k8s-schema.json';
import { attachDescriptions, type DescriptionTable } from './descriptions.ts';

/** One JSON-schema node as scripts/gen-schema.ts writes it (draft-07 keywords plus two x- markers). */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  /** `int64` on int64 integers (others are int32); `byte` on base64-encoded []byte strings. */
  readonly format?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly $ref?: string;
  readonly enum?: readonly (string | number)[];
  /** The Go type named in decode errors when it is not the plain JSON kind (e.g. `[]v1.PersistentVolumeAccessMode`). */
  readonly 'x-go-type'?: string;
  /** Go's UnmarshalJSON accepts any JSON value here (RawExtension, FieldsV1). */
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

export interface SchemaDocument {
  readonly $schema: string;
  readonly $comment: string;
  /** Keyed by `<apiVersion>/<Kind>`, e.g. `v1/Pod`, `apps/v1/Deployment`. */
  readonly roots: Readonly<Record<string, { readonly $ref: string }>>;
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

// The JSON's inferred literal type is far more specific than SchemaNode; widening through
// unknown keeps consumers on the documented shape.
export const schemaDocument = generated as unknown as SchemaDocument;

let described = false;

/** Attach the doc comments (k8s-descriptions.json); until then explain and hover have none. */
export function loadDescriptions(table: DescriptionTable): void {
  if (described) return;
  described = true;
  attachDescriptions(generated.definitions as Record<string, unknown>, table);
}

export function descriptionsLoaded(): boolean {
  return described;
}

const REF_PREFIX = '#/definitions/';

/** Definition key of a `$ref` (`#/definitions/core.v1.Pod` → `core.v1.Pod`). */
export function refName(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
}

export function definition(name: string): SchemaNode | undefined {
  return schemaDocument.definitions[name];
}

/** The node itself, or the definition it points at. */
export function resolve(node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  return definition(refName(node.$ref)) ?? {};
}

export function rootKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** Definition key of a kind's root (`core.v1.Pod`), or undefined for kinds the schema does not cover. */
export function rootDefinitionName(apiVersion: string, kind: string): string | undefined {
  const root = schemaDocument.roots[rootKey(apiVersion, kind)];
  return root === undefined ? undefined : refName(root.$ref);
}

/** Go's short struct name for a definition key (`core.v1.ContainerPort` → `ContainerPort`). */
export function structName(definitionName: string): string {
  return definitionName.slice(definitionName.lastIndexOf('.') + 1);
}

/** Go's package-qualified type name (`core.v1.Container` → `v1.Container`, `resource.Quantity`). */
export function goTypeName(definitionName: string): string {
  const parts = definitionName.split('.');
  return parts.slice(-2).join('.');
}

/** Splits `apps/v1` into group and version; the core group is empty. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
