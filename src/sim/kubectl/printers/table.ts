// The `kubectl get` table: cli-runtime printers/tableprinter.go on top of the tabwriter.
// Resource printers produce rows of plain strings; this module adds the decorations that
// kubectl adds itself (NAMESPACE for -A, label columns for -L, LABELS for --show-labels) and
// lays the rows out.

import { formatTabbed, GET_TABWRITER } from './tabwriter.ts';

export interface TableOptions {
  /** -o wide: include the priority-1 columns. */
  wide?: boolean;
  /** --show-labels: append a LABELS column. */
  showLabels?: boolean;
  /** -L / --label-columns: one column per label key, headed by its last path segment. */
  labelColumns?: readonly string[];
  /** --no-headers. */
  noHeaders?: boolean;
  /** -A / --all-namespaces: prepend a NAMESPACE column. */
  allNamespaces?: boolean;
  /**
   * Prefix for the NAME cell when one `get` prints several kinds (`kubectl get all`,
   * `get pods,svc`): the lower-cased `kind[.group]`, e.g. `pod` or `deployment.apps`.
   * Applied to the first cell of each row, which is the NAME column for every table here
   * except events.
   */
  kindPrefix?: string;
}

/** A printed row plus the object metadata kubectl's decorations read. */
export interface TableRow {
  cells: string[];
  namespace?: string | undefined;
  labels?: Record<string, string> | undefined;
}

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-joined; `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

// kubectl cuts a cell at its first line break and marks the cut with "...", because the
// tabwriter would otherwise start a new line there (\f counts as a newline to it).
function sanitizeCell(cell: string): string {
  const cut = cell.search(/[\f\n\r]/);
  return cut < 0 ? cell : `${cell.slice(0, cut)}...`;
}

/**
 * Lays out a table like kubectl's HumanReadablePrinter: headers as given (callers pass them
 * upper-cased, as kubectl upper-cases column names), columns separated by at least three
 * spaces, the last column unpadded, every line ending in "\n". With headers on and no rows
 * kubectl prints nothing at all (the "No resources found" notice goes to stderr).
 */
export function printTable(headers: string[], rows: string[][], options: { noHeaders?: boolean } = {}): string {
  if (rows.length === 0) return '';
  const lines: string[] = [];
  if (!options.noHeaders) lines.push(headers.join('\t'));
  for (const row of rows) lines.push(row.map(sanitizeCell).join('\t'));
  return formatTabbed(`${lines.join('\n')}\n`, GET_TABWRITER);
}

/** Adds the NAMESPACE and LABELS columns kubectl's decorateTable adds, then prints. */
export function renderTable(headers: string[], rows: TableRow[], options: TableOptions = {}): string {
  const fullHeaders = [
    ...(options.allNamespaces ? ['NAMESPACE'] : []),
    ...headers,
    ...(options.labelColumns ?? []).map((l) => (l.split('/').pop() ?? l).toUpperCase()),
    ...(options.showLabels ? ['LABELS'] : []),
  ];
  const prefix = options.kindPrefix ? `${options.kindPrefix}/` : '';
  const cells = rows.map((r) => [
    ...(options.allNamespaces ? [r.namespace ?? ''] : []),
    ...r.cells.map((c, i) => (i === 0 ? `${prefix}${c}` : c)),
    ...(options.labelColumns ?? []).map((l) => r.labels?.[l] ?? ''),
    ...(options.showLabels ? [formatLabels(r.labels)] : []),
  ]);
  return printTable(fullHeaders, cells, options.noHeaders ? { noHeaders: true } : {});
}

/** The stderr notice `kubectl get` prints when a list is empty. */
export function noResourcesFound(namespace?: string): string {
  return namespace === undefined ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`;
}
