// Playing a lesson headlessly: a cluster with the lesson's seed and setup, attempts performed
// the way the page performs them (the editor's Apply on the background channel, typed lines on
// the terminal), and the step's checks read against it. The tests use it to prove every
// solution passes and every wrong attempt fails; the page's demo mode can use it too.

import { LabDriver, type Channel } from '../sim/runner/driver.ts';
import { kubectlRead as readOnly } from '../sim/kubectl/read.ts';
import { evaluateStep } from './checks.ts';
import type { Attempt, CheckContext, KubectlOutcome, Lesson, Step, StepResult } from './types.ts';
import { KUBECTL } from '../sim/kubectl/tool.ts';

/**
 * How long a setup script or one `run` line may take before it is given up on (setup) or
 * stopped with Ctrl+C (a run line that streams, like `kubectl get pods -w`).
 */
export const LINE_LIMIT_MS = 10 * 60_000;

export interface LessonRun {
  lesson: Lesson;
  driver: LabDriver;
  /** The in-memory workspace the driver reads; unused when the caller gave its own readFile. */
  workspace: Map<string, string>;
}

const workspaces = new WeakMap<LabDriver, Map<string, string>>();

/**
 * A driver with the lesson's seed, its setup run in order on the background channel (time
 * runs until the last setup command has finished), and the first step's files in the
 * workspace. With `readFile`, the driver reads the caller's workspace instead of the in-memory one.
 */
export function startLesson(lesson: Lesson, readFile?: (path: string) => string | undefined): LessonRun {
  const workspace = new Map<string, string>();
  const driver = new LabDriver({ kubectl: KUBECTL, seed: lesson.seed, readFile: readFile ?? ((p) => workspace.get(p)) });
  // With the caller's readFile the map is not what the driver reads, so performAttempt must
  // be told where to write (writeFile) rather than silently writing where nobody looks.
  if (!readFile) workspaces.set(driver, workspace);
  if (lesson.setup.length) {
    driver.submit(lesson.setup.join('\n'), 'background');
    runUntilIdle(driver, 'background');
  }
  const first = lesson.steps[0];
  if (first) for (const f of stepFiles(lesson, first)) workspace.set(f.name, f.text);
  return { lesson, driver, workspace };
}

/** The files a step puts into the workspace when it opens. */
export function stepFiles(lesson: Lesson, step: Step): { name: string; text: string }[] {
  return step.files.map((name) => ({ name, text: lesson.files[`files/${name}`] ?? '' }));
}

/** Open a step in a headless run: its files go into the workspace. Returns the fresh `ran` list. */
export function openStep(run: LessonRun, step: Step): string[] {
  for (const f of stepFiles(run.lesson, step)) run.workspace.set(f.name, f.text);
  return [];
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * One thing a student does in an attempt, in order: an editor Apply (the file goes into the
 * workspace under its base name, then `kubectl apply -f NAME` on the background channel), a
 * terminal line, or time passing. performAttempt plays them headlessly; the page's demo mode
 * plays the same list one keypress at a time.
 */
export type LessonCommand =
  | { kind: 'apply'; file: string; text: string; line: string }
  | { kind: 'run'; line: string }
  | { kind: 'wait'; ms: number };

/** An attempt as its commands: `apply`, then `run`, then `wait` (when there is one). */
export function attemptCommands(lesson: Lesson, attempt: Attempt): LessonCommand[] {
  const out: LessonCommand[] = [];
  for (const path of attempt.apply) {
    const file = baseName(path);
    out.push({ kind: 'apply', file, text: lesson.files[path] ?? '', line: `kubectl apply -f ${file}` });
  }
  for (const line of attempt.run) out.push({ kind: 'run', line });
  if (attempt.waitMs > 0) out.push({ kind: 'wait', ms: attempt.waitMs });
  return out;
}

/**
 * Perform a solution or wrong attempt: `apply`, then `run`, then `wait`. Returns the lines it
 * ran, as the page would record them for `ran:` checks. `writeFile` puts a file into the
 * workspace; it defaults to the in-memory workspace of a driver made by startLesson.
 */
export function performAttempt(
  driver: LabDriver,
  lesson: Lesson,
  attempt: Attempt,
  writeFile?: (name: string, text: string) => void,
): string[] {
  const ws = workspaces.get(driver);
  const write = writeFile ?? (ws ? (n: string, t: string) => void ws.set(n, t) : undefined);
  if (!write) throw new Error('performAttempt: this driver was not made by startLesson; pass writeFile');
  const ran: string[] = [];
  for (const cmd of attemptCommands(lesson, attempt)) {
    if (cmd.kind === 'apply') {
      write(cmd.file, cmd.text);
      driver.submit(cmd.line, 'background');
      ran.push(cmd.line);
    } else if (cmd.kind === 'run') {
      // A student types the next line when the previous one has returned; a line that waits
      // (`kubectl wait`, `delete`, `rollout status`) holds the next one back as time runs.
      driver.submit(cmd.line, 'terminal');
      ran.push(cmd.line);
      if (!runUntilIdle(driver, 'terminal')) driver.interrupt();
    } else driver.advance(cmd.ms);
  }
  // No wait: events due this very moment still run before the checks read (as they always have).
  if (attempt.waitMs <= 0) driver.advance(0);
  return ran;
}

/** Let time run until the channel's commands have finished (true), or LINE_LIMIT_MS passed (false). */
function runUntilIdle(driver: LabDriver, channel: Channel): boolean {
  const deadline = driver.now + LINE_LIMIT_MS;
  while (driver.busy(channel)) {
    // Jump from event to event so the next line starts the instant the previous one ended.
    const next = driver.cluster.clock.nextAt();
    if (next === undefined || driver.now >= deadline) return false;
    driver.advance(Math.min(next, deadline) - driver.now);
  }
  return true;
}

/** Read-only kubectl with its exit code, so a failing read fails the check. */
export function kubectlRead(driver: LabDriver, argv: string[]): KubectlOutcome {
  return readOnly(driver.cluster, argv);
}

export function checkContext(driver: LabDriver, ran: readonly string[]): CheckContext {
  return { kubectl: (argv) => kubectlRead(driver, argv), ran };
}

export function checkStep(driver: LabDriver, step: Step, ran: readonly string[]): StepResult {
  return evaluateStep(step, checkContext(driver, ran));
}
