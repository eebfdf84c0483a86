// What the API server's JSON decoder (sigs.k8s.io/json, as vendored by Kubernetes 1.31) reports
// when it turns a request body into a typed object with fieldValidation=Strict, which kubectl
// asks for by default (--validate=strict):
//
// - type errors (`json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`):
//   decoding goes on after the first one, but only the first is reported. Errors returned by a
//   type's own UnmarshalJSON (IntOrString, Quantity, Time) stop decoding at once and win even over
//   an earlier type error, exactly as in Go.
// - strict errors (`unknown field "spec.contaners"`), collected in document order, deduplicated,
//   at most 100, and reported only when there is no type error.
//
// The walk follows the generated schema; `status` at the top level is not checked (the server
// drops it on create, and output of newer servers must stay re-appliable).
import { QUANTITY_FORMAT_ERROR, tryParseQuantity } from '../quantity.ts';
import { base64ErrorMessage, base64ErrorOffset } from './base64.ts';
import { definition, goTypeName, refName, resolve, rootDefinitionName, splitApiVersion, structName } from './document.ts';
import type { SchemaNode } from './document.ts';

const MAX_STRICT_ERRORS = 100;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export type DecodeResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The apiserver's BadRequest message: `Pod in version "v1" cannot be handled as a Pod: ...`. */
      readonly message: string;
      /** The first type error, when there is one (it hides the strict errors). */
      readonly typeError?: string;
      /** Paths of unknown fields, as the strict decoder renders them. */
      readonly unknownFields: readonly string[];
    };

/** `Pod in version "v1" cannot be handled as a Pod: <detail>`; the version is the GVK's, without the group. */
export function cannotBeHandledMessage(apiVersion: string, kind: string, detail: string): string {
  return `${kind} in version "${splitApiVersion(apiVersion).version}" cannot be handled as a ${kind}: ${detail}`;
}

/** The strict-decoding BadRequest message for a list of unknown field paths. */
export function strictDecodingMessage(apiVersion: string, kind: string, fields: readonly string[]): string {
  return cannotBeHandledMessage(apiVersion, kind, `strict decoding error: ${fields.map((f) => `unknown field ${goQuote(f)}`).join(', ')}`);
}

/** Unknown-field paths the strict decoder would report, in document order. Empty for kinds the schema does not know. */
export function unknownFields(apiVersion: string, kind: string, obj: unknown): string[] {
  return walkDocument(apiVersion, kind, obj)?.unknown ?? [];
}

/** The decode error the server reports before any strict error (type mismatch, bad quantity, bad base64), if any. */
export function typeErrors(apiVersion: string, kind: string, obj: unknown): string | undefined {
  const state = walkDocument(apiVersion, kind, obj);
  return state === undefined ? undefined : firstError(state);
}

/**
 * Both checks, combined the way the server combines them: a type error wins; otherwise all
 * unknown fields are reported together. `ok` for kinds the schema does not cover.
 */
export function decode(apiVersion: string, kind: string, obj: unknown): DecodeResult {
  const state = walkDocument(apiVersion, kind, obj);
  if (state === undefined) return { ok: true };
  const typeError = firstError(state);
  if (typeError !== undefined) {
    return { ok: false, message: cannotBeHandledMessage(apiVersion, kind, typeError), typeError, unknownFields: state.unknown };
  }
  if (state.unknown.length > 0) {
    return { ok: false, message: strictDecodingMessage(apiVersion, kind, state.unknown), unknownFields: state.unknown };
  }
  return { ok: true };
}

interface WalkState {
  readonly unknown: string[];
  readonly seenUnknown: Set<string>;
  saved: string | undefined;
  aborted: string | undefined;
}

// Where a value sits, in the two notations the decoder uses: the strict path keeps indices and map
// keys (`spec.containers[0].image`); Go's type-error context keeps only struct field names
// (`spec.containers.image`) plus the struct that holds the last one.
interface Position {
  readonly strictPath: string;
  readonly goStruct: string | undefined;
  readonly goFields: readonly string[];
}

function firstError(state: WalkState): string | undefined {
  return state.aborted ?? state.saved;
}

function walkDocument(apiVersion: string, kind: string, obj: unknown): WalkState | undefined {
  const rootName = rootDefinitionName(apiVersion, kind);
  const root = rootName === undefined ? undefined : definition(rootName);
  if (rootName === undefined || root === undefined) return undefined;
  const state: WalkState = { unknown: [], seenUnknown: new Set(), saved: undefined, aborted: undefined };
  if (!isPlainObject(obj)) {
    saveTypeError(state, { strictPath: '', goStruct: undefined, goFields: [] }, jsonKind(obj), goTypeName(rootName));
    return state;
  }
  walkStruct(state, obj, root, structName(rootName), { strictPath: '', goStruct: undefined, goFields: [] }, true);
  return state;
}

function walkStruct(state: WalkState, obj: Record<string, unknown>, node: SchemaNode, goStruct: string | undefined, at: Position, isRoot: boolean): void {
  const properties = node.properties ?? {};
  for (const [key, value] of Object.entries(obj)) {
    if (state.aborted !== undefined) return;
    const strictPath = at.strictPath === '' ? key : `${at.strictPath}.${key}`;
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property === undefined) {
      addUnknown(state, strictPath);
      continue;
    }
    // apiVersion/kind were read before decoding started; status is dropped by the server.
    if (isRoot && (key === 'status' || key === 'apiVersion' || key === 'kind')) continue;
    walkValue(state, value, property, { strictPath, goStruct, goFields: [...at.goFields, key] }, undefined);
  }
}

function walkValue(state: WalkState, value: unknown, node: SchemaNode, at: Position, goTypeOverride: string | undefined): void {
  if (state.aborted !== undefined || value === null || value === undefined) return;
  const goType = goTypeOverride ?? goTypeOf(node);
  const defName = node.$ref === undefined ? undefined : refName(node.$ref);
  const target = resolve(node);

  if (target['x-kubernetes-preserve-unknown-fields'] === true) return;
  switch (defName) {
    case 'resource.Quantity':
      checkQuantity(state, value);
      return;
    case 'intstr.IntOrString':
      checkIntOrString(state, value, at);
      return;
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime':
      // metav1.Time unmarshals into a string first; RFC 3339 parse errors are not reproduced.
      if (typeof value !== 'string') abortWithTypeError(state, at, jsonKind(value), 'string');
      return;
  }

  switch (target.type) {
    case 'object':
      walkObject(state, value, target, defName, at, goType);
      return;
    case 'array':
      if (!Array.isArray(value)) {
        saveTypeError(state, at, jsonKind(value), goType);
        return;
      }
      value.forEach((item, i) => {
        if (target.items !== undefined) walkValue(state, item, target.items, { ...at, strictPath: `${at.strictPath}[${i}]` }, elementType(goType));
      });
      return;
    case 'string':
      if (typeof value !== 'string') {
        saveTypeError(state, at, jsonKind(value), goType);
      } else if (target.format === 'byte') {
        const offset = base64ErrorOffset(value);
        if (offset !== undefined) state.saved ??= base64ErrorMessage(offset);
      }
      return;
    case 'integer':
      if (typeof value !== 'number') {
        saveTypeError(state, at, jsonKind(value), goType);
      } else if (!fitsInteger(value, target.format === 'int64')) {
        saveTypeError(state, at, `number ${goNumber(value)}`, goType);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') saveTypeError(state, at, jsonKind(value), goType);
      return;
    default:
      return;
  }
}

function walkObject(state: WalkState, value: unknown, target: SchemaNode, defName: string | undefined, at: Position, goType: string): void {
  if (!isPlainObject(value)) {
    saveTypeError(state, at, jsonKind(value), goType);
    return;
  }
  if (target.properties !== undefined) {
    walkStruct(state, value, target, defName === undefined ? at.goStruct : structName(defName), at, false);
    return;
  }
  const values = target.additionalProperties;
  if (typeof values !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (state.aborted !== undefined) return;
    walkValue(state, item, values, { ...at, strictPath: `${at.strictPath}.${key}` }, elementType(goType));
  }
}

// resource.Quantity.UnmarshalJSON: strips the quotes of a string, trims, parses; anything else
// is parsed as its raw JSON text, which never matches the quantity grammar.
function checkQuantity(state: WalkState, value: unknown): void {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number') text = goNumber(value);
  else {
    state.aborted = QUANTITY_FORMAT_ERROR;
    return;
  }
  const parsed = tryParseQuantity(text);
  if (!parsed.ok) state.aborted = parsed.error;
}

// intstr.IntOrString.UnmarshalJSON: a JSON string is the string form; anything else goes
// through json.Unmarshal into an int32, whose error the outer decoder then annotates.
function checkIntOrString(state: WalkState, value: unknown, at: Position): void {
  if (typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!fitsInteger(value, false)) abortWithTypeError(state, at, `number ${goNumber(value)}`, 'int32');
    return;
  }
  abortWithTypeError(state, at, jsonKind(value), 'int32');
}

function addUnknown(state: WalkState, path: string): void {
  if (state.unknown.length >= MAX_STRICT_ERRORS || state.seenUnknown.has(path)) return;
  state.seenUnknown.add(path);
  state.unknown.push(path);
}

function typeErrorText(at: Position, jsonValue: string, goType: string): string {
  if (at.goStruct === undefined && at.goFields.length === 0) return `json: cannot unmarshal ${jsonValue} into Go value of type ${goType}`;
  return `json: cannot unmarshal ${jsonValue} into Go struct field ${at.goStruct ?? ''}.${at.goFields.join('.')} of type ${goType}`;
}

function saveTypeError(state: WalkState, at: Position, jsonValue: string, goType: string): void {
  state.saved ??= typeErrorText(at, jsonValue, goType);
}

function abortWithTypeError(state: WalkState, at: Position, jsonValue: string, goType: string): void {
  state.aborted = typeErrorText(at, jsonValue, goType);
}

/** The Go type the decoder names for a schema node (`int32`, `[]v1.Container`, `map[string]string`). */
function goTypeOf(node: SchemaNode): string {
  const named = node['x-go-type'];
  if (named !== undefined) return named;
  if (node.$ref !== undefined) return goTypeName(refName(node.$ref));
  switch (node.type) {
    case 'string':
      return node.format === 'byte' ? '[]uint8' : 'string';
    case 'integer':
      return node.format === 'int64' ? 'int64' : 'int32';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${node.items === undefined ? 'interface {}' : goTypeOf(node.items)}`;
    case 'object':
      return typeof node.additionalProperties === 'object' ? `map[string]${goTypeOf(node.additionalProperties)}` : 'map[string]interface {}';
    default:
      return 'interface {}';
  }
}

// Element type of a slice or map type name, so a named element type reaches the items.
function elementType(goType: string): string | undefined {
  if (goType.startsWith('[]')) return goType.slice(2);
  if (goType.startsWith('map[string]')) return goType.slice('map[string]'.length);
  return undefined;
}

/** How Go's decoder names a JSON value's kind in "cannot unmarshal X". */
function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

// The JSON text kubectl sends for a number. Go's float64 encoding and JS's String() agree on the
// values YAML produces (plain digits, switching to "1e+21" form at the same magnitude).
function goNumber(value: number): string {
  return String(value);
}

function fitsInteger(value: number, int64: boolean): boolean {
  const text = goNumber(value);
  if (!/^-?\d+$/.test(text)) return false;
  if (!int64) return value >= INT32_MIN && value <= INT32_MAX;
  const big = BigInt(text);
  return big >= INT64_MIN && big <= INT64_MAX;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// strconv.Quote for the ASCII paths the decoder reports; other characters are escaped as Go does for
// the common cases (quote, backslash, control characters).
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
