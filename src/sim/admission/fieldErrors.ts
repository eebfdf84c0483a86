// Field errors and their text, as apimachinery renders them (pkg/util/validation/field/errors.go)
// and as the API server and kubectl wrap them. Target: Kubernetes v1.31.
//
// Version notes that decide exact bytes:
// - v1.31 renders composite bad values with Go's %#v (`map[string]string{"app":"web"}`); JSON
//   rendering (`{"app":"web"}`) only arrived in v1.34 (kubernetes/kubernetes#132314).
// - v1.31 TooLong says `must have at most N bytes`; `may not be more than N bytes` is v1.32+
//   (kubernetes/kubernetes#128553).

export type FieldErrorType =
  | 'Required'
  | 'Invalid'
  | 'Duplicate'
  | 'Unsupported'
  | 'Forbidden'
  | 'TooLong'
  | 'TooMany'
  | 'NotFound'
  | 'Internal';

/** A bad value already rendered in Go syntax (maps, slices, structs): printed as-is. */
export interface GoLiteral {
  readonly go: string;
}

export type FieldValue = string | number | boolean | null | GoLiteral;

export interface FieldError {
  type: FieldErrorType;
  /** The field path, e.g. `spec.containers[0].image`. */
  field: string;
  value?: FieldValue;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
  Unsupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  NotFound: 'Not found',
  Internal: 'Internal error',
};

// ---- constructors (names and arguments follow the Go field package) ----

export function required(field: string, detail = ''): FieldError {
  return { type: 'Required', field, detail };
}

export function invalid(field: string, value: FieldValue, detail: string): FieldError {
  return { type: 'Invalid', field, value, detail };
}

export function duplicate(field: string, value: FieldValue): FieldError {
  return { type: 'Duplicate', field, value };
}

export function notFound(field: string, value: FieldValue): FieldError {
  return { type: 'NotFound', field, value };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

/** field.NotSupported: detail lists the valid values, each Go-quoted, in the order given. */
export function notSupported(field: string, value: FieldValue, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return { type: 'Unsupported', field, value, detail };
}

/** field.TooLong (v1.31 wording). The value is never shown. */
export function tooLong(field: string, maxLength: number): FieldError {
  return { type: 'TooLong', field, detail: `must have at most ${maxLength} bytes` };
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: 'TooMany', field, value: actual, detail: `must have at most ${max} items` };
}

// ---- Go value rendering ----

/**
 * strconv.Quote: the quoting fmt's %q uses. Differs from JSON.stringify for \a, \v, DEL and
 * other non-printables, which Go writes as \a, \v, \x7f, \u200b ...
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

function byKey<T>(map: Readonly<Record<string, T>>): [string, T][] {
  // fmt prints maps with sorted keys.
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** %#v of a map[string]string: `map[string]string{"a":"1", "b":"2"}` (nil map: `map[string]string(nil)`). */
export function goStringMap(map: Readonly<Record<string, string>> | undefined | null): GoLiteral {
  if (map === undefined || map === null) return { go: 'map[string]string(nil)' };
  const body = byKey(map)
    .map(([k, v]) => `${goQuote(k)}:${goQuote(v)}`)
    .join(', ');
  return { go: `map[string]string{${body}}` };
}

/** %#v of a []string (nil slice: `[]string(nil)`). */
export function goStringSlice(items: readonly string[] | undefined | null): GoLiteral {
  if (items === undefined || items === null) return { go: '[]string(nil)' };
  return { go: `[]string{${items.map(goQuote).join(', ')}}` };
}

/** %#v of an arbitrary Go struct whose fields are given in declaration order. */
export function goStruct(typeName: string, fields: readonly [string, string][]): GoLiteral {
  return { go: `${typeName}{${fields.map(([k, v]) => `${k}:${v}`).join(', ')}}` };
}

function renderValue(value: FieldValue | undefined): string {
  // A nil value (or nil pointer) is replaced by the string "null", which %q then quotes.
  if (value === undefined || value === null) return '"null"';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.go;
}

/** Error.ErrorBody(): the message without the field path. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'Required':
    case 'Forbidden':
    case 'TooLong':
    case 'Internal':
      s = TYPE_TEXT[e.type];
      break;
    default:
      s = `${TYPE_TEXT[e.type]}: ${renderValue(e.value)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** Error.Error(): `<field>: <body>`. */
export function renderFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** utilerrors.NewAggregate(...).Error(): deduplicated; one error bare, several `[a, b]`. */
export function aggregateMessage(messages: readonly string[]): string {
  const seen: string[] = [];
  for (const m of messages) if (!seen.includes(m)) seen.push(m);
  if (seen.length === 0) return '';
  if (seen.length === 1) return seen[0]!;
  return `[${seen.join(', ')}]`;
}

/**
 * The API server's Status message for a 422 (apierrors.NewInvalid): the kind is qualified by
 * its group (`Deployment.apps`), the errors aggregated: `Pod "x" is invalid: [e1, e2]`.
 * kubectl prints this text when it reports several failed objects together, e.g.
 * `Error from server (Invalid): error when creating "d.yaml": Deployment.apps "x" is invalid: [...]`.
 */
export function invalidStatusMessage(kind: string, group: string, name: string, errors: readonly FieldError[]): string {
  const qualified = group ? `${kind}.${group}` : kind;
  const agg = aggregateMessage(errors.map(renderFieldError));
  return agg ? `${qualified} ${goQuote(name)} is invalid: ${agg}` : `${qualified} ${goQuote(name)} is invalid`;
}

/**
 * What kubectl prints (to stderr, exit 1) when a single create/apply/replace fails validation
 * (cmd/util/helpers.go checkErr): `The Pod "x" is invalid: <err>` for one cause, and for several
 * a header line followed by one `* <err>` line per distinct cause. The kind is unqualified.
 * The result always ends with a newline, as kubectl's output does.
 */
export function formatInvalid(kind: string, name: string, errors: readonly FieldError[]): string {
  const head = `The ${kind} ${goQuote(name)} is invalid`;
  const causes: string[] = [];
  for (const e of errors) {
    const m = renderFieldError(e);
    if (!causes.includes(m)) causes.push(m);
  }
  if (causes.length === 0) return `${head}\n`;
  if (causes.length === 1) return `${head}: ${causes[0]}\n`;
  return `${head}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
}

// ---- field paths ----

/** field.Path helpers: `child('spec', 'containers')`, `index(p, 0)`, `key(p, 'cpu')` → `p[cpu]`. */
export function child(base: string, ...names: string[]): string {
  let p = base;
  for (const n of names) p = p ? `${p}.${n}` : n;
  return p;
}

export function index(base: string, i: number): string {
  return `${base}[${i}]`;
}

/** Map keys are not quoted in Go field paths: `metadata.annotations[example.com/x]`. */
export function key(base: string, k: string): string {
  return `${base}[${k}]`;
}
