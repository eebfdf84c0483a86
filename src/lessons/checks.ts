// Evaluating a step's checks. Pure and synchronous: the page calls it whenever the cluster
// changes (time runs, a command ends) with a read-only kubectl and the lines run so far.

import type { Check, CheckContext, CheckResult, Comparator, KubectlOutcome, Step, StepResult } from './types.ts';

/** Long outputs (a describe) are cut so a details view stays readable. */
const DETAIL_LIMIT = 2000;

export function evaluateStep(step: Step, ctx: CheckContext): StepResult {
  const results = step.checks.map((c) => evaluateCheck(c, ctx));
  return { passed: results.every((r) => r.passed), results };
}

export function evaluateCheck(check: Check, ctx: CheckContext): CheckResult {
  const base = { id: check.id, message: check.message };
  if (check.kind === 'ran') {
    const re = regex(check.pattern);
    if (!re) return { ...base, passed: false, detail: `bad regex /${check.pattern}/` };
    const passed = ctx.ran.some((l) => re.test(l.trim()));
    return passed ? { ...base, passed } : { ...base, passed, detail: `no line run in this step matches /${check.pattern}/` };
  }
  const raw = ctx.kubectl(check.argv);
  const outcome: KubectlOutcome = typeof raw === 'string' ? { text: raw, code: 0 } : raw;
  const output = outcome.text.trim();
  const detail = clip(`$ kubectl ${check.command}\n${output}`);
  // A failed read (NotFound, a typo in the check) says nothing about the state, so it must
  // not let notContains pass by accident.
  if (outcome.code !== 0) return { ...base, passed: false, detail };
  return { ...base, passed: compare(check.comparator, check.value, output), detail };
}

/** The comparators of lessons/FORMAT.md, on output already trimmed. */
export function compare(comparator: Comparator, value: string, output: string): boolean {
  switch (comparator) {
    case 'equals':
      return output === value.trim();
    case 'matches':
      return regex(value)?.test(output) ?? false;
    case 'contains':
      return output.includes(value);
    case 'notContains':
      return !output.includes(value);
  }
}

function regex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

function clip(s: string): string {
  return s.length > DETAIL_LIMIT ? `${s.slice(0, DETAIL_LIMIT)}\n…` : s;
}
