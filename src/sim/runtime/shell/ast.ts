// The syntax tree of the ash subset. Parsed once per script; the interpreter walks it as many
// times as a loop runs, so nothing here is re-derived per iteration.

/** One piece of a word. `q` marks text that came from quotes: it is neither split nor globbed. */
export type Part =
  | { k: 'lit'; v: string; q: boolean }
  | { k: 'param'; name: string; op: ParamOp | null; arg: Word | null; q: boolean }
  | { k: 'len'; name: string; q: boolean }
  | { k: 'cmd'; body: Node[]; q: boolean }
  | { k: 'arith'; expr: Word; q: boolean };

/** `${x:-w}` and friends; `:` variants also treat an empty value as unset. */
export type ParamOp = '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '#' | '##' | '%' | '%%';

export interface Word {
  parts: Part[];
  /** The word as written when it is one unquoted literal (keywords, assignments, names). */
  plain: string | null;
  /** Set when a command substitution occurs anywhere inside: only then can expansion wait. */
  sub?: true;
}

export type RedirOp = '>' | '>>' | '<' | '>&' | '<&' | '<>' | '>|' | '<<';

export interface Redir {
  fd: number;
  op: RedirOp;
  target: Word;
}

export interface Assign {
  name: string;
  value: Word;
}

export type Node =
  | {
      k: 'simple';
      assigns: Assign[];
      words: Word[];
      redirs: Redir[];
      line: number;
      /**
       * The command's arguments when every word is a plain literal that expands to itself
       * (no quotes, variables, patterns or ~): the same on every run, so worked out once.
       * The interpreter hands out copies.
       */
      fixedArgv: readonly string[] | null;
    }
  | { k: 'pipe'; cmds: Node[]; bang: boolean }
  | { k: 'and'; left: Node; right: Node }
  | { k: 'or'; left: Node; right: Node }
  | { k: 'seq'; items: Node[] }
  | { k: 'bg'; body: Node }
  | { k: 'subshell'; body: Node; redirs: Redir[] }
  | { k: 'group'; body: Node; redirs: Redir[] }
  | { k: 'if'; clauses: { cond: Node; body: Node }[]; otherwise: Node | null; redirs: Redir[] }
  | { k: 'loop'; until: boolean; cond: Node; body: Node; redirs: Redir[] }
  | { k: 'for'; name: string; items: Word[] | null; body: Node; redirs: Redir[] }
  | { k: 'case'; subject: Word; arms: { patterns: Word[]; body: Node | null }[]; redirs: Redir[] }
  | { k: 'func'; name: string; body: Node };

/**
 * A parsed script: the top-level commands ash would run one line at a time, and the syntax
 * error that stopped parsing (ash reports it only after running the lines before it).
 */
export interface Script {
  chunks: Node[];
  error: { message: string; line: number } | null;
}
