// `kubectl explain` output, rendered the way kubectl >= 1.27 renders it from OpenAPI v3 with
// k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl. Each function below mirrors one
// template ("output", "fieldList", "fieldDetail", "description", "typeGuess") so the blank
// lines and indentation fall where kubectl's do.
//
// Our schema writes a field that refers to a type as {$ref, description}; OpenAPI v3 writes
// {allOf: [{$ref}], description}. The template then prints the field's description followed by
// the type's, and so do we.
import { definition, refName, resolve, rootDefinitionName, splitApiVersion } from './document.ts';
import type { SchemaNode } from './document.ts';
import { indent, wrapString } from './wordwrap.ts';

export type ExplainResult =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly error: string;
      /**
       * What kubectl has already written to stdout when the error comes: Go's text/template streams
       * the KIND/VERSION header before the template fails on the field path. Empty when the kind
       * itself is unknown.
       */
      readonly partialText: string;
    };

export interface ExplainOptions {
  readonly recursive?: boolean;
}

/**
 * `kubectl explain <resource>[.field...]` for a kind the schema covers. `fieldPath` excludes the
 * resource (`['spec', 'containers']`). The text ends with the newline kubectl prints.
 */
export function explain(apiVersion: string, kind: string, fieldPath: readonly string[], opts: ExplainOptions = {}): ExplainResult {
  const { group, version } = splitApiVersion(apiVersion);
  const rootName = rootDefinitionName(apiVersion, kind);
  const root = rootName === undefined ? undefined : definition(rootName);
  if (rootName === undefined || root === undefined) {
    return { ok: false, error: `error: GVK map[group:${group} kind:${kind} version:${version}] not found in OpenAPI schema`, partialText: '' };
  }
  const header = `${group === '' ? '' : `GROUP:      ${group}\n`}KIND:       ${kind}\nVERSION:    ${version}\n\n`;
  const body = output({ $ref: `#/definitions/${rootName}` }, fieldPath, opts.recursive === true);
  if (body === '') {
    // kubectl names the last path element, whichever one was missing.
    return { ok: false, error: `error: field "${fieldPath[fieldPath.length - 1] ?? ''}" does not exist`, partialText: header };
  }
  return { ok: true, text: `${header}${body}\n` };
}

// Template "output": follow the path; at its end print the description and the field list.
function output(node: SchemaNode, path: readonly string[], recursive: boolean): string {
  const resolved = resolve(node);
  const [first, ...rest] = path;
  if (first === undefined) {
    let text = 'DESCRIPTION:\n';
    text += `${indent(4, wrapString(description(node) || '<empty>', 76))}\n`;
    const fields = fieldList(node, 1, recursive, new Set());
    if (fields !== '') text += `FIELDS:\n${fields}`;
    return text;
  }
  const property = resolved.properties !== undefined && Object.hasOwn(resolved.properties, first) ? resolved.properties[first] : undefined;
  if (property !== undefined) {
    const header = rest.length === 0 ? `FIELD: ${first} <${typeGuess(property)}>\n${longEnum(property)}\n\n` : '';
    return header + output(property, rest, recursive);
  }
  if (resolved.items !== undefined) return output(resolved.items, path, recursive);
  if (typeof resolved.additionalProperties === 'object') return output(resolved.additionalProperties, path, recursive);
  return '';
}

// Template "description": the node's own text, then the referenced type's, then items'/values'.
function description(node: SchemaNode): string {
  let text = node.description === undefined || node.description === '' ? '' : `${node.description}\n`;
  if (node.$ref !== undefined) text += description(resolve({ $ref: node.$ref }));
  if (node.items !== undefined) text += description(node.items);
  if (typeof node.additionalProperties === 'object') text += description(node.additionalProperties);
  return text;
}

// Template "fieldList": one entry per property (sorted, as Go ranges over map keys), recursing
// for --recursive; a type already on the path is not entered again.
function fieldList(node: SchemaNode, level: number, recursive: boolean, history: ReadonlySet<string>): string {
  const ref = node.$ref === undefined ? undefined : refName(node.$ref);
  if (ref !== undefined && history.has(ref)) return '';
  const nextHistory = ref === undefined ? history : new Set([...history, ref]);
  const resolved = resolve(node);
  let text = '';
  const properties = resolved.properties ?? {};
  for (const name of Object.keys(properties).sort()) {
    const property = properties[name];
    if (property === undefined) continue;
    text += fieldDetail(name, property, resolved.required?.includes(name) === true, level, recursive);
    if (recursive) text += fieldList(property, level + 1, recursive, nextHistory);
  }
  if (resolved.items !== undefined) text += fieldList(resolved.items, level, recursive, nextHistory);
  if (typeof resolved.additionalProperties === 'object') text += fieldList(resolved.additionalProperties, level, recursive, nextHistory);
  return text;
}

// Template "fieldDetail" (kubectl 1.27–1.31 layout: the enum line follows the type line).
function fieldDetail(name: string, field: SchemaNode, required: boolean, level: number, short: boolean): string {
  const indentAmount = level * 2;
  let text = `${indent(indentAmount, name)}\t<${typeGuess(field)}>${required ? ' -required-' : ''}${shortEnum(field, indentAmount)}\n`;
  if (!short) {
    const own = field.description === undefined || field.description === '' ? '<no description>' : field.description;
    text += `${indent(indentAmount + 2, wrapString(own, 78 - indentAmount))}\n\n`;
  }
  return text;
}

// Template "typeGuess": `[]Container`, `map[string]string`, `Object`, or the referenced type's name
// (its primitive type when it is one, as for Time → string).
export function typeGuess(node: SchemaNode): string {
  if (node.items !== undefined) return `[]${typeGuess(node.items)}`;
  if (typeof node.additionalProperties === 'object') return `map[string]${typeGuess(node.additionalProperties)}`;
  if (node.$ref !== undefined) {
    const name = refName(node.$ref);
    const target = definition(name);
    if (target !== undefined && typeof target.type === 'string' && target.type !== 'object') return target.type;
    return name.slice(name.lastIndexOf('.') + 1) || 'Object';
  }
  if (node.type === 'object' || typeof node.type !== 'string') return 'Object';
  return node.type;
}

// Template "extractEnum". The generated schema carries no enums today (kubernetes-types drops
// them), but a node that has one renders like kubectl's.
function enumValues(node: SchemaNode): string[] {
  return (resolve(node).enum ?? node.enum ?? []).map((v) => (v === '' ? '""' : String(v)));
}

function longEnum(node: SchemaNode): string {
  const values = enumValues(node);
  return values.length === 0 ? '' : `ENUM:${values.map((v) => `\n    ${v}`).join('')}`;
}

function shortEnum(node: SchemaNode, indentAmount: number): string {
  const values = enumValues(node);
  if (values.length === 0) return '';
  const shown = values.slice(0, 4).join(', ');
  return `\n${' '.repeat(indentAmount)}enum: ${shown}${values.length > 4 ? ', ....' : ''}`;
}
