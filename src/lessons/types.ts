// The lesson model: what lessons/NN-slug/ parses into (see lessons/FORMAT.md). Plain data, so
// the page can keep it in a store and the tests can build one by hand.

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

export type Localized<T> = Record<Lang, T>;

export type Comparator = 'equals' | 'matches' | 'contains' | 'notContains';
export const COMPARATORS: readonly Comparator[] = ['equals', 'matches', 'contains', 'notContains'];

interface CheckBase {
  id: string;
  /** What the student sees while the check fails. */
  message: Localized<string>;
  /** Line of the check in lesson.yaml, for error messages. */
  line: number;
}

/** Reads the cluster with read-only kubectl and compares the trimmed output. */
export interface KubectlCheck extends CheckBase {
  kind: 'kubectl';
  /** As written in lesson.yaml, without a leading `kubectl`. */
  command: string;
  /** The command split into words (the verb first). */
  argv: string[];
  comparator: Comparator;
  value: string;
}

/** A regex over the lines the student ran since the step opened. */
export interface RanCheck extends CheckBase {
  kind: 'ran';
  pattern: string;
}

export type Check = KubectlCheck | RanCheck;

export interface Attempt {
  /** Paths inside the lesson folder (`solution/x.yaml`); each goes into the workspace under its base name. */
  apply: string[];
  /** Terminal lines, in order. */
  run: string[];
  /** Simulated ms that pass before the checks are read. */
  waitMs: number;
}

export interface WrongAttempt extends Attempt {
  /** The id of the check this attempt must fail. */
  fails: string;
}

export interface StepText {
  title: string;
  /** Markdown: everything under the step heading before its first Hint/Predict/Answer. */
  body: string;
  /** Markdown, revealed one at a time. */
  hints: string[];
  predict?: string;
  answer?: string;
}

export interface Step {
  id: string;
  /** Names inside files/; put into the workspace when the step opens. */
  files: string[];
  checks: Check[];
  solution?: Attempt;
  wrong?: WrongAttempt;
  text: Localized<StepText>;
}

export interface LessonText {
  title: string;
  summary: string;
  minutes: number;
  prerequisites: string[];
  /** Markdown before the first step heading. */
  intro: string;
}

export interface Lesson {
  /** The folder name, e.g. `05-init-containers`. */
  id: string;
  /** The NN prefix. */
  order: number;
  seed: number;
  setup: string[];
  steps: Step[];
  text: Localized<LessonText>;
  /** Every file of the folder other than lesson.yaml/en.md/ko.md, by path inside the folder. */
  files: Record<string, string>;
}

export interface LessonError {
  /** `NN-slug/lesson.yaml` etc. */
  file: string;
  /** 1-based; 0 when the problem is the file as a whole (e.g. it is missing). */
  line: number;
  message: string;
}

export type ParseResult = { ok: true; lesson: Lesson; errors: [] } | { ok: false; errors: LessonError[] };

export interface CheckResult {
  id: string;
  passed: boolean;
  message: Localized<string>;
  /** What the check saw (the kubectl output, or why no line matched), for a details view. */
  detail?: string;
}

export interface StepResult {
  passed: boolean;
  results: CheckResult[];
}

export interface KubectlOutcome {
  /** stdout and stderr together, as a terminal would show them. */
  text: string;
  code: number;
}

export interface CheckContext {
  /**
   * Read-only kubectl. A plain string is taken as a success; return the exit code as well so a
   * failing command (NotFound) fails the check whatever its comparator.
   */
  kubectl(argv: string[]): string | KubectlOutcome;
  /** Lines run since the step opened: terminal lines and `kubectl apply -f NAME` from the editor. */
  ran: readonly string[];
}
