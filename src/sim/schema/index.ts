// Offline Kubernetes schema: strict decoding (unknown fields, type errors) as the API server
// reports it, `kubectl explain` text, and the JSON schema for the editor.
import { rootDefinitionName, schemaDocument } from './document.ts';
import type { SchemaNode } from './document.ts';

export { decode, typeErrors, unknownFields, strictDecodingMessage, cannotBeHandledMessage } from './decode.ts';
export type { DecodeResult } from './decode.ts';
export { explain, typeGuess } from './explain.ts';
export type { ExplainOptions, ExplainResult } from './explain.ts';
export { schemaDocument } from './document.ts';
export type { SchemaDocument, SchemaNode } from './document.ts';

/** A self-contained draft-07 schema for one kind: a `$ref` into the shared definitions. */
export interface KindSchema {
  readonly $schema: string;
  readonly $ref: string;
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

/** The editor's schema for `apiVersion`/`kind`, or undefined for kinds the schema does not cover. */
export function schemaFor(apiVersion: string, kind: string): KindSchema | undefined {
  const name = rootDefinitionName(apiVersion, kind);
  if (name === undefined) return undefined;
  return { $schema: schemaDocument.$schema, $ref: `#/definitions/${name}`, definitions: schemaDocument.definitions };
}

/** `<apiVersion>/<Kind>` keys of every kind the schema covers (`v1/Pod`, `apps/v1/Deployment`, ...). */
export function coveredKinds(): string[] {
  return Object.keys(schemaDocument.roots);
}
