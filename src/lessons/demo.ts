// A lesson run as a demo: its steps' solutions as one list of commands per step, stepped
// through one at a time (the page's demo mode). The commands are attemptCommands' (the same
// list performAttempt plays headlessly), so a demo does exactly what the tests replay.

import { attemptCommands, type LessonCommand } from './replay.ts';
import type { Lesson } from './types.ts';

/** A command, or "open the next step" after a step's last command. */
export type DemoItem = LessonCommand | { kind: 'next'; to: number };

/** Per step (by index): its solution's commands, then a move to the next step (not after the last). */
export function demoPlan(lesson: Lesson): DemoItem[][] {
  return lesson.steps.map((step, i) => {
    const items: DemoItem[] = step.solution ? attemptCommands(lesson, step.solution) : [];
    if (i + 1 < lesson.steps.length) items.push({ kind: 'next', to: i + 1 });
    return items;
  });
}

export interface DemoPosition {
  /** What the next keypress does; undefined once the last step's last command has run. */
  item: DemoItem | undefined;
  /** 1-based step number and the number of steps. */
  step: number;
  steps: number;
  /** 1-based number of the next command within the step, and the step's commands (moves not counted). */
  command: number;
  commands: number;
}

/** Where a demo is: step `step` (0-based), `done` of that step's items already performed. */
export function demoPosition(plan: DemoItem[][], step: number, done: number): DemoPosition {
  const s = Math.max(0, Math.min(step, plan.length - 1));
  const items = plan[s] ?? [];
  const commands = items.filter((i) => i.kind !== 'next').length;
  return { item: items[done], step: s + 1, steps: plan.length, command: Math.min(done + 1, commands), commands };
}

/** The command as the class reads it in the demo bar. */
export function demoText(item: DemoItem): string {
  if (item.kind === 'apply' || item.kind === 'run') return item.line;
  if (item.kind === 'wait') return `${formatWait(item.ms)}`;
  return '';
}

/** `20s`, `2m`, `1m30s`: as lesson.yaml writes a wait. */
export function formatWait(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m ? `${m}m${s ? `${s}s` : ''}` : `${s}s`;
}
