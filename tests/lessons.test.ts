// The lesson engine: every lesson in lessons/ parses, every step's solution passes its checks
// on the lesson's own cluster, and every wrong attempt fails the check it names (first). A
// fixture lesson below covers the engine itself, so this file means something with no lessons.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, evaluateCheck, evaluateStep } from '../src/lessons/checks.ts';
import { kubectlArgv, parseLesson, validateCourse } from '../src/lessons/parse.ts';
import { checkStep, openStep, performAttempt, startLesson } from '../src/lessons/replay.ts';
import type { Check, Lesson, LessonError, StepResult } from '../src/lessons/types.ts';
import { LESSON_FOLDERS, LESSONS_DIR, readFolder } from './lessonFiles.ts';

// ---------------------------------------------------------------------------------------------
// Shared assertions

function parsed(folder: string, files: Record<string, string>): Lesson {
  const r = parseLesson(folder, files);
  if (!r.ok) throw new Error(`${folder} does not parse:\n${format(r.errors)}`);
  return r.lesson;
}

const format = (errors: LessonError[]) => errors.map((e) => `  ${e.file}:${e.line}: ${e.message}`).join('\n');

function failing(r: StepResult): string {
  return r.results
    .filter((c) => !c.passed)
    .map((c) => `  ${c.id}: ${c.message.en}\n    ${(c.detail ?? '').replace(/\n/g, '\n    ')}`)
    .join('\n');
}

/** Every step's solution, in order, on one cluster: each step passes once its solution ran. */
function replaySolutions(lesson: Lesson): void {
  const run = startLesson(lesson);
  for (const step of lesson.steps) {
    let ran = openStep(run, step);
    if (step.solution) ran = performAttempt(run.driver, lesson, step.solution);
    const r = checkStep(run.driver, step, ran);
    expect(r.passed, `${lesson.id} step ${step.id} after its solution:\n${failing(r)}`).toBe(true);
  }
}

/** For each wrong attempt: earlier solutions, then the attempt; `fails` is the first failing check. */
function replayWrongs(lesson: Lesson): number {
  let n = 0;
  lesson.steps.forEach((step, i) => {
    if (!step.wrong) return;
    n++;
    const run = startLesson(lesson);
    for (const earlier of lesson.steps.slice(0, i)) {
      openStep(run, earlier);
      if (earlier.solution) performAttempt(run.driver, lesson, earlier.solution);
    }
    openStep(run, step);
    const ran = performAttempt(run.driver, lesson, step.wrong);
    const r = checkStep(run.driver, step, ran);
    // The named check is the first that fails: the message the student reads first. Checks
    // after it may fail too (a sidecar on the wrong volume also streams nothing).
    const failed = r.results.filter((c) => !c.passed).map((c) => c.id);
    expect(failed[0], `${lesson.id} step ${step.id}: the wrong attempt must fail ${step.wrong.fails} first; failing: ${failed.join(', ') || 'none'}`).toBe(step.wrong.fails);
    const msg = r.results.find((c) => c.id === step.wrong!.fails)!.message;
    expect(msg.en.trim()).not.toBe('');
    expect(msg.ko.trim()).not.toBe('');
  });
  return n;
}

// ---------------------------------------------------------------------------------------------
// The lessons on disk


const folders = LESSON_FOLDERS;

describe('lessons/', () => {
  it('every lesson folder parses, and prerequisites name earlier lessons', () => {
    const lessons: Lesson[] = [];
    const errors: LessonError[] = [];
    for (const f of folders) {
      const r = parseLesson(f, readFolder(join(LESSONS_DIR, f)));
      if (r.ok) lessons.push(r.lesson);
      else errors.push(...r.errors);
    }
    errors.push(...validateCourse(lessons));
    expect(errors, format(errors)).toEqual([]);
  });

  for (const f of folders) {
    describe(f, () => {
      const load = () => parsed(f, readFolder(join(LESSONS_DIR, f)));
      it('each step passes after its solution, in order, on one cluster', () => replaySolutions(load()), 60_000);
      it('each wrong attempt fails the check it names first, with a message in both languages', () => {
        replayWrongs(load());
      }, 120_000);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The fixture lesson

const LESSON_YAML = `seed: 3
setup:
  - kubectl create deployment api --image=nginx:1.27 --replicas=2
  - kubectl rollout status deployment/api
steps:
  - id: start-web
    files: [web.yaml]
    checks:
      - id: web-running
        kubectl: get pod web -o jsonpath={.status.phase}
        equals: Running
        message:
          en: The pod web is not running yet.
          ko: web 파드가 아직 실행 중이 아닙니다.
      - id: listed-pods
        ran: '^kubectl get (pods|po)\\b'
        message: { en: 'List the pods with kubectl get pods.', ko: 'kubectl get pods 로 파드 목록을 보세요.' }
    solution:
      apply: [solution/web.yaml]
      run: ['kubectl get pods']
      wait: 30s
    wrong:
      apply: [wrong/web.yaml]
      run: ['kubectl get pods']
      wait: 30s
      fails: web-running
  - id: expose
    checks:
      - id: service
        kubectl: kubectl get services -o name
        matches: '(^|\\n)service/web($|\\n)'
        message:
          en: There is no Service named web.
          ko: web 이라는 서비스가 없습니다.
    solution:
      run: ['kubectl expose pod web --port=80']
    wrong:
      run: ['kubectl expose pod web --port=80 --name=webb']
      fails: service
  - id: done
`;

const WEB = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: { app: web }
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;

const EN_MD = `---
title: A fixture
summary: The smallest lesson that exercises the engine.
minutes: 5
prerequisites: []
---

An intro.

## Start a pod {#start-web}

Apply it:

\`\`\`yaml file=web.yaml
## not a step: inside a code block
\`\`\`

### Hint

First hint.

### Hint

Second hint.

### Predict

What phase?

### Answer

Running.

## Expose it {#expose}

Run \`kubectl expose\`.

## Done {#done}

Read only.
`;

const KO_MD = `---
title: 픽스처
summary: 엔진을 시험하는 가장 작은 레슨.
minutes: 5
---

소개.

## 파드 시작 {#start-web}

적용하세요.

### 힌트

첫 번째 힌트.

### Hint

두 번째 힌트.

### 예측

어떤 단계일까요?

### 답

Running.

## 노출 {#expose}

\`kubectl expose\` 를 실행하세요.

## 끝 {#done}

읽기만 합니다.
`;

const FIXTURE: Record<string, string> = {
  'lesson.yaml': LESSON_YAML,
  'en.md': EN_MD,
  'ko.md': KO_MD,
  'files/web.yaml': WEB('web') + '    # fill in\n',
  'solution/web.yaml': WEB('web'),
  'wrong/web.yaml': WEB('wbe'),
};

describe('the fixture lesson', () => {
  const lesson = parsed('07-fixture', FIXTURE);

  it('parses into the model', () => {
    expect(lesson.id).toBe('07-fixture');
    expect(lesson.order).toBe(7);
    expect(lesson.seed).toBe(3);
    expect(lesson.setup).toHaveLength(2);
    expect(lesson.steps.map((s) => s.id)).toEqual(['start-web', 'expose', 'done']);
    const [start, expose, done] = lesson.steps;
    expect(start!.files).toEqual(['web.yaml']);
    expect(start!.solution).toEqual({ apply: ['solution/web.yaml'], run: ['kubectl get pods'], waitMs: 30_000 });
    expect(start!.wrong?.fails).toBe('web-running');
    expect(start!.checks[0]).toMatchObject({ kind: 'kubectl', argv: ['get', 'pod', 'web', '-o', 'jsonpath={.status.phase}'], comparator: 'equals', value: 'Running' });
    expect(expose!.checks[0]).toMatchObject({ kind: 'kubectl', command: 'get services -o name', argv: ['get', 'services', '-o', 'name'] });
    expect(start!.checks[1]).toMatchObject({ kind: 'ran', pattern: '^kubectl get (pods|po)\\b' });
    expect(done!.checks).toEqual([]);
    expect(lesson.text.en).toMatchObject({ title: 'A fixture', minutes: 5, prerequisites: [], intro: 'An intro.' });
    expect(lesson.text.ko.prerequisites).toEqual([]);
    const en = start!.text.en;
    expect(en.title).toBe('Start a pod');
    expect(en.body).toBe('Apply it:\n\n```yaml file=web.yaml\n## not a step: inside a code block\n```');
    expect(en.hints).toEqual(['First hint.', 'Second hint.']);
    expect(en.predict).toBe('What phase?');
    expect(en.answer).toBe('Running.');
    expect(start!.text.ko.hints).toEqual(['첫 번째 힌트.', '두 번째 힌트.']);
    expect(start!.text.ko.answer).toBe('Running.');
    expect(expose!.text.en.hints).toEqual([]);
    expect(expose!.text.en.predict).toBeUndefined();
    expect(Object.keys(lesson.files).sort()).toEqual(['files/web.yaml', 'solution/web.yaml', 'wrong/web.yaml']);
  });

  it('runs its setup to completion before the first step', () => {
    const run = startLesson(lesson);
    expect(run.driver.busy('background')).toBe(false);
    expect(run.workspace.get('web.yaml')).toBe(FIXTURE['files/web.yaml']);
    const r = checkStep(run.driver, { ...lesson.steps[0]!, checks: [{ ...(lesson.steps[0]!.checks[0] as Check & { kind: 'kubectl' }), argv: ['get', 'deployment', 'api', '-o', 'jsonpath={.status.readyReplicas}'], value: '2' }] }, []);
    expect(r.passed, failing(r)).toBe(true);
  });

  it('fails before anything is done, and a reading-only step passes at once', () => {
    const run = startLesson(lesson);
    const r = checkStep(run.driver, lesson.steps[0]!, []);
    expect(r.passed).toBe(false);
    expect(r.results.map((c) => c.passed)).toEqual([false, false]);
    expect(r.results[0]!.detail).toContain('NotFound');
    expect(checkStep(run.driver, lesson.steps[2]!, []).passed).toBe(true);
  });

  it('passes with its solutions replayed in order', () => replaySolutions(lesson), 30_000);

  it('fails the named check first on each wrong attempt', () => {
    expect(replayWrongs(lesson)).toBe(2);
  }, 30_000);

  it('records applies as the page does: on the background channel, by base name', () => {
    const run = startLesson(lesson);
    const ran = performAttempt(run.driver, lesson, lesson.steps[0]!.solution!);
    expect(ran).toEqual(['kubectl apply -f web.yaml', 'kubectl get pods']);
    const applied = run.driver.actions.find((a) => a.kind === 'line' && a.text === 'kubectl apply -f web.yaml');
    expect(applied).toMatchObject({ channel: 'background', files: { 'web.yaml': FIXTURE['solution/web.yaml'] } });
    expect(run.driver.actions.at(-1)).toMatchObject({ channel: 'terminal', text: 'kubectl get pods' });
  });

  it('types each run line once the previous one has returned, and stops one that never does', () => {
    const run = startLesson(lesson);
    performAttempt(run.driver, lesson, lesson.steps[0]!.solution!);
    const start = run.driver.now;
    const ran = performAttempt(run.driver, lesson, { apply: [], run: ['kubectl delete pod web', 'kubectl get pods -w', 'kubectl get pods'], waitMs: 0 });
    expect(ran).toHaveLength(3);
    const lines = run.driver.actions.filter((a) => a.at >= start);
    const at = (text: string) => lines.find((a) => a.kind === 'line' && a.text === text)!.at;
    // delete waits for the pod to terminate before the next line is typed.
    expect(at('kubectl get pods -w')).toBeGreaterThan(at('kubectl delete pod web'));
    expect(lines.some((a) => a.kind === 'interrupt')).toBe(true);
    expect(run.driver.busy('terminal')).toBe(false);
    expect(checkStep(run.driver, lesson.steps[0]!, ran).results[0]!.passed).toBe(false);
  }, 30_000);

  it('needs writeFile when the caller owns the workspace', () => {
    const files = new Map<string, string>();
    const run = startLesson(lesson, (p) => files.get(p));
    expect(() => performAttempt(run.driver, lesson, lesson.steps[0]!.solution!)).toThrow(/writeFile/);
    performAttempt(run.driver, lesson, lesson.steps[0]!.solution!, (n, t) => void files.set(n, t));
    expect(checkStep(run.driver, lesson.steps[0]!, ['kubectl get pods']).passed).toBe(true);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------
// Parser errors

/** Replace `from` (which must occur) in one file of the fixture. */
function broken(file: string, from: string, to: string): Record<string, string> {
  const text = FIXTURE[file];
  if (text === undefined || !text.includes(from)) throw new Error(`fixture ${file} has no ${JSON.stringify(from)}`);
  return { ...FIXTURE, [file]: text.replace(from, to) };
}

function without(file: string): Record<string, string> {
  const { [file]: _gone, ...rest } = FIXTURE;
  return rest;
}

const Y = '07-fixture/lesson.yaml';
const EN = '07-fixture/en.md';
const KO = '07-fixture/ko.md';

const BROKEN: { name: string; files: Record<string, string>; folder?: string; file: string; line: number; message: string }[] = [
  { name: 'bad folder name', folder: 'fixture', files: FIXTURE, file: 'fixture', line: 0, message: 'must be NN-slug' },
  { name: 'lesson.yaml missing', files: without('lesson.yaml'), file: Y, line: 0, message: 'lesson.yaml is missing' },
  { name: 'ko.md missing', files: without('ko.md'), file: KO, line: 0, message: 'ko.md is missing' },
  { name: 'YAML syntax', files: broken('lesson.yaml', '    files: [web.yaml]', '    files: [web.yaml'), file: Y, line: 8, message: 'Flow sequence' },
  { name: 'no seed', files: broken('lesson.yaml', 'seed: 3\n', ''), file: Y, line: 1, message: 'seed is missing' },
  { name: 'seed not a number', files: broken('lesson.yaml', 'seed: 3', 'seed: three'), file: Y, line: 1, message: "seed 'three' must be a whole number" },
  { name: 'unknown key', files: broken('lesson.yaml', '        equals: Running', '        equal: Running'), file: Y, line: 11, message: "unknown key 'equal'" },
  { name: 'check with no comparator', files: broken('lesson.yaml', '        equals: Running\n', ''), file: Y, line: 9, message: 'check web-running has no comparator' },
  { name: 'two comparators', files: broken('lesson.yaml', '        equals: Running\n', '        equals: Running\n        contains: Run\n'), file: Y, line: 12, message: 'more than one comparator' },
  { name: 'check without message', files: broken('lesson.yaml', "        message: { en: 'List the pods with kubectl get pods.', ko: 'kubectl get pods 로 파드 목록을 보세요.' }\n", ''), file: Y, line: 15, message: 'check listed-pods has no message' },
  { name: 'message without ko', files: broken('lesson.yaml', "ko: 'kubectl get pods 로 파드 목록을 보세요.' ", ''), file: Y, line: 17, message: 'message has no ko' },
  { name: 'bad regex', files: broken('lesson.yaml', "ran: '^kubectl get (pods|po)\\b'", "ran: '^kubectl get (pods'"), file: Y, line: 16, message: 'bad regex' },
  { name: 'kubectl that writes', files: broken('lesson.yaml', 'kubectl: get pod web', 'kubectl: delete pod web'), file: Y, line: 10, message: "'delete' is not read-only" },
  { name: 'kubectl with a pipe', files: broken('lesson.yaml', 'kubectl: kubectl get services -o name', "kubectl: 'get services | grep web'"), file: Y, line: 30, message: 'there is no pipe' },
  { name: 'solution file missing', files: broken('lesson.yaml', 'apply: [solution/web.yaml]', 'apply: [solution/web2.yaml]'), file: Y, line: 19, message: 'solution/web2.yaml does not exist' },
  { name: 'step file missing', files: broken('lesson.yaml', 'files: [web.yaml]', 'files: [nope.yaml]'), file: Y, line: 7, message: 'files/nope.yaml does not exist' },
  { name: 'bad wait', files: broken('lesson.yaml', 'wait: 30s\n    wrong', 'wait: soon\n    wrong'), file: Y, line: 21, message: "wait 'soon' is not a duration" },
  { name: 'wrong fails an unknown check', files: broken('lesson.yaml', 'fails: web-running', 'fails: web-runs'), file: Y, line: 23, message: "wrong.fails 'web-runs' is not one of this step's checks" },
  { name: 'wrong without fails', files: broken('lesson.yaml', '      fails: web-running\n', ''), file: Y, line: 23, message: 'has no fails' },
  { name: 'checks without solution', files: broken('lesson.yaml', "    solution:\n      run: ['kubectl expose pod web --port=80']\n", ''), file: Y, line: 27, message: 'step expose has checks but no solution' },
  { name: 'duplicate step id', files: broken('lesson.yaml', '  - id: done', '  - id: expose'), file: Y, line: 40, message: "step id 'expose' appears twice" },
  { name: 'step with no heading', files: broken('lesson.yaml', '  - id: done', '  - id: done\n  - id: extra'), file: EN, line: 0, message: "step 'extra' (lesson.yaml line 41) has no heading" },
  { name: 'heading with no step', files: broken('en.md', '{#done}', '{#finish}'), file: EN, line: 38, message: 'step heading {#finish} has no step in lesson.yaml' },
  { name: 'missing step section in ko', files: broken('ko.md', '## 끝 {#done}\n\n읽기만 합니다.\n', ''), file: KO, line: 0, message: "step 'done' (lesson.yaml line 40) has no heading" },
  { name: 'steps out of order', files: broken('ko.md', '## 노출 {#expose}\n\n`kubectl expose` 를 실행하세요.\n\n## 끝 {#done}\n\n읽기만 합니다.\n', '## 끝 {#done}\n\n읽기만 합니다.\n\n## 노출 {#expose}\n\n`kubectl expose` 를 실행하세요.\n'), file: KO, line: 29, message: 'steps are out of order' },
  { name: '## heading without id', files: broken('en.md', 'An intro.', 'An intro.\n\n## Background'), file: EN, line: 10, message: "'## Background' has no {#step-id}" },
  { name: 'no front matter', files: broken('en.md', '---\ntitle', 'title'), file: EN, line: 1, message: 'front matter missing' },
  { name: 'front matter not closed', files: broken('en.md', 'prerequisites: []\n---', 'prerequisites: []\n'), file: EN, line: 1, message: 'not closed' },
  { name: 'front matter without title', files: broken('en.md', 'title: A fixture\n', ''), file: EN, line: 2, message: 'front matter has no title' },
  { name: 'minutes not a number', files: broken('en.md', 'minutes: 5', 'minutes: five'), file: EN, line: 4, message: "minutes 'five' must be a whole number" },
  { name: 'front matter YAML syntax', files: broken('en.md', 'minutes: 5', 'minutes: [5'), file: EN, line: 5, message: 'Flow sequence' },
  { name: 'bad prerequisite', files: broken('en.md', 'prerequisites: []', 'prerequisites: [pods]'), file: EN, line: 5, message: "prerequisite 'pods' must be a lesson folder name" },
  { name: 'hint count differs', files: broken('ko.md', '### Hint\n\n두 번째 힌트.\n\n', ''), file: KO, line: 9, message: 'step start-web: 1 hint(s), en.md has 2' },
  { name: 'predict in one language only', files: broken('ko.md', '### 예측\n\n어떤 단계일까요?\n\n', ''), file: KO, line: 9, message: 'predict is in en.md only' },
  { name: 'empty hint', files: broken('en.md', 'First hint.', ''), file: EN, line: 10, message: 'hint 1 is empty' },
  { name: 'other ### after a hint', files: broken('en.md', 'Second hint.', 'Second hint.\n\n### Why'), file: EN, line: 26, message: "'### Why' after a Hint/Predict/Answer section" },
  { name: 'unclosed code block', files: broken('en.md', '## not a step: inside a code block\n```', '## not a step'), file: EN, line: 40, message: 'is not closed' },
];

describe('parser errors', () => {
  it.each(BROKEN)('$name', ({ folder, files, file, line, message }) => {
    const r = parseLesson(folder ?? '07-fixture', files);
    expect(r.ok).toBe(false);
    const hit = r.errors.find((e) => e.file === file && e.line === line && e.message.includes(message));
    expect(hit, `want ${file}:${line}: …${message}…, got:\n${format(r.errors)}`).toBeDefined();
  });

  it('reports every problem at once, not only the first', () => {
    const files = { ...broken('lesson.yaml', 'seed: 3', 'seed: x'), 'en.md': EN_MD.replace('minutes: 5', 'minutes: x') };
    const r = parseLesson('07-fixture', files);
    expect(r.errors.map((e) => `${e.file}:${e.line}`)).toEqual([`${Y}:1`, `${EN}:4`]);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', '---', '- a\n- b', 'steps: 3', 'steps:\n  - 1\n  - [x]\n  - id: {a: 1}', '\u0000', 'seed: [1']) {
      for (const f of ['lesson.yaml', 'en.md', 'ko.md']) expect(() => parseLesson('07-fixture', { ...FIXTURE, [f]: text })).not.toThrow();
    }
  });

  it('checks that prerequisites are earlier lessons', () => {
    const a = parsed('01-a', FIXTURE);
    const b = parsed('02-b', { ...FIXTURE, 'en.md': EN_MD.replace('prerequisites: []', 'prerequisites: [01-a, 03-c]'), 'ko.md': KO_MD.replace('minutes: 5', 'minutes: 5\nprerequisites: [01-a, 03-c]') });
    expect(validateCourse([a, b]).map((e) => e.message)).toEqual(["prerequisite '03-c' is not a lesson", "prerequisite '03-c' is not a lesson"]);
    expect(validateCourse([a, { ...b, order: 1 }]).map((e) => e.message)[0]).toContain('also used by 01-a');
  });

  it('accepts kubectl with or without the word kubectl, and refuses streams', () => {
    expect(kubectlArgv("kubectl get pods -o jsonpath='{.items[*].metadata.name}'")).toEqual(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']);
    expect(kubectlArgv('logs web -c nginx')).toEqual(['logs', 'web', '-c', 'nginx']);
    expect(kubectlArgv('get pods -w')).toContain('waits for more output');
    expect(kubectlArgv('logs -f web')).toContain('waits for more output');
    expect(kubectlArgv('apply -f x.yaml')).toContain('not read-only');
  });
});

// ---------------------------------------------------------------------------------------------
// Comparators and evaluation

describe('comparators', () => {
  it.each([
    ['equals', 'Running', 'Running', true],
    ['equals', 'Running', 'Running\n', true],
    ['equals', 'Running\n', 'Running', true],
    ['equals', 'Running', 'running', false],
    ['equals', '', '', true],
    ['equals', 'Run', 'Running', false],
    ['matches', '.+', 'x', true],
    ['matches', '.+', '', false],
    ['matches', '^Init:1/2$', 'Init:1/2', true],
    ['matches', 'web-[a-z0-9]{5}', 'pod/web-abc12', true],
    ['matches', '^a$', 'a\nb', false],
    ['matches', '(', '(', false],
    ['contains', 'service/web', 'service/kubernetes\nservice/web', true],
    ['contains', 'service/web', 'service/webb', true],
    ['contains', 'x', '', false],
    ['notContains', 'Error', 'Running', true],
    ['notContains', 'Error', 'CrashLoopBackOff Error', false],
  ] as const)('%s %j on %j → %s', (op, value, output, want) => {
    expect(compare(op, value, output.trim())).toBe(want);
  });

  const msg = { en: 'en text', ko: 'ko text' };
  const kube = (comparator: 'equals' | 'notContains', value: string): Check => ({ id: 'c', kind: 'kubectl', command: 'get x', argv: ['get', 'x'], comparator, value, message: msg, line: 1 });

  it('trims kubectl output and compares it', () => {
    const r = evaluateCheck(kube('equals', 'Running'), { kubectl: () => '  Running\n', ran: [] });
    expect(r).toEqual({ id: 'c', passed: true, message: msg, detail: '$ kubectl get x\nRunning' });
  });

  it('fails a check whose kubectl fails, even notContains', () => {
    const ctx = { kubectl: () => ({ text: 'Error from server (NotFound): pods "web" not found\n', code: 1 }), ran: [] };
    expect(evaluateCheck(kube('notContains', 'Running'), ctx).passed).toBe(false);
    expect(evaluateCheck(kube('notContains', 'Running'), { ...ctx, kubectl: () => ({ text: 'Pending', code: 0 }) }).passed).toBe(true);
  });

  it('passes argv through unchanged', () => {
    const seen: string[][] = [];
    evaluateCheck(kube('equals', 'x'), { kubectl: (argv) => (seen.push(argv), 'x'), ran: [] });
    expect(seen).toEqual([['get', 'x']]);
  });

  it('matches ran checks against each line run, trimmed', () => {
    const ran: Check = { id: 'r', kind: 'ran', pattern: '^kubectl logs web\\b', message: msg, line: 1 };
    expect(evaluateCheck(ran, { kubectl: () => '', ran: [] }).passed).toBe(false);
    expect(evaluateCheck(ran, { kubectl: () => '', ran: ['kubectl get pods', '  kubectl logs web -c nginx'] }).passed).toBe(true);
    expect(evaluateCheck(ran, { kubectl: () => '', ran: ['kubectl logs webby'] }).passed).toBe(false);
  });

  it('a step passes when all of its checks pass, and a step with none passes', () => {
    const step = { id: 's', files: [], checks: [kube('equals', 'a'), kube('notContains', 'b')], text: { en: { title: '', body: '', hints: [] }, ko: { title: '', body: '', hints: [] } } };
    expect(evaluateStep(step, { kubectl: () => 'a', ran: [] })).toMatchObject({ passed: true });
    expect(evaluateStep(step, { kubectl: () => 'b', ran: [] }).results.map((r) => r.passed)).toEqual([false, false]);
    expect(evaluateStep({ ...step, checks: [] }, { kubectl: () => '', ran: [] })).toEqual({ passed: true, results: [] });
  });
});
