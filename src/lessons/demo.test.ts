import { describe, expect, it } from 'vitest';
import { loadLesson } from '../../tests/lessonFiles.ts';
import { attemptCommands, checkStep, openStep, performAttempt, startLesson } from './replay.ts';
import { demoPlan, demoPosition, demoText, formatWait } from './demo.ts';

const lesson = loadLesson;

describe('demo plan', () => {
  const l = lesson('02-sidecar');
  const plan = demoPlan(l);

  it('is each step’s solution, as attemptCommands gives it, then a move to the next step', () => {
    expect(plan).toHaveLength(l.steps.length);
    expect(plan[0]!.map((i) => i.kind)).toEqual(['apply', 'run', 'run', 'run', 'wait', 'next']);
    expect(plan[0]![0]).toEqual({ kind: 'apply', file: 'shop.yaml', text: l.files['files/shop.yaml'], line: 'kubectl apply -f shop.yaml' });
    expect(plan[0]!.at(-1)).toEqual({ kind: 'next', to: 1 });
    l.steps.forEach((s, i) => expect(plan[i]!.filter((x) => x.kind !== 'next')).toEqual(s.solution ? attemptCommands(l, s.solution) : []));
    expect(plan.at(-1)!.some((i) => i.kind === 'next')).toBe(false);
  });

  it('says where it is: step k of n, command i of m', () => {
    expect(demoPosition(plan, 0, 0)).toMatchObject({ step: 1, steps: 4, command: 1, commands: 5, item: { kind: 'apply' } });
    expect(demoPosition(plan, 0, 4)).toMatchObject({ command: 5, item: { kind: 'wait', ms: 4000 } });
    // After the last command: the move to the next step, still counted as the last command.
    expect(demoPosition(plan, 0, 5)).toMatchObject({ command: 5, item: { kind: 'next', to: 1 } });
    expect(demoPosition(plan, 3, plan[3]!.length)).toMatchObject({ step: 4, item: undefined });
  });

  it('shows the command as typed, and waits as lesson.yaml writes them', () => {
    expect(demoText(plan[0]![1]!)).toBe('kubectl wait --for=condition=Ready pod/shop');
    expect([4000, 90_000, 120_000, 0].map(formatWait)).toEqual(['4s', '1m30s', '2m', '0s']);
  });

  it('played in order on the lesson’s cluster, passes every step, as the solutions do', () => {
    const run = startLesson(l);
    l.steps.forEach((step, i) => {
      let ran = openStep(run, step);
      const cmds = plan[i]!.filter((x) => x.kind !== 'next');
      // performAttempt over exactly the demo's commands.
      if (step.solution) ran = performAttempt(run.driver, l, step.solution);
      expect(ran).toEqual(cmds.flatMap((c) => (c.kind === 'wait' ? [] : [c.line])));
      expect(checkStep(run.driver, step, ran).passed).toBe(true);
    });
  }, 60_000);
});
