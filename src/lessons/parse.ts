// Parsing a lesson folder (lessons/FORMAT.md) from its files' text. No fs and no DOM: Vite
// feeds it import.meta.glob results, the tests feed it files read from disk. Every problem is
// collected with its file and line instead of thrown, so an author sees all of them at once.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { parseDuration } from '../sim/clock.ts';
import { words } from '../sim/runner/script.ts';
import {
  COMPARATORS,
  LANGS,
  type Attempt,
  type Check,
  type Comparator,
  type Lesson,
  type LessonError,
  type LessonText,
  type Localized,
  type ParseResult,
  type Step,
  type StepText,
  type WrongAttempt,
} from './types.ts';

const FOLDER = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Verbs a check may run. Checks are evaluated over and over as time runs, so anything that
 * writes to the cluster would change what it measures.
 */
const READ_ONLY_VERBS = new Set(['get', 'describe', 'logs', 'top', 'explain', 'api-resources', 'version', 'cluster-info']);
/** Flags that would make a read wait for more output; a check reads once. */
const STREAMING_FLAGS = new Set(['-w', '--watch', '--watch-only', '-f', '--follow']);

/** Section keywords under a step; Korean files may use the Korean words. */
const SECTIONS: Record<string, 'hint' | 'predict' | 'answer'> = {
  hint: 'hint',
  힌트: 'hint',
  predict: 'predict',
  예측: 'predict',
  answer: 'answer',
  답: 'answer',
  정답: 'answer',
};

class Errors {
  readonly list: LessonError[] = [];
  add(file: string, line: number, message: string): void {
    this.list.push({ file, line, message });
  }
}

/** A YAML document with line numbers; `offset` shifts them (front matter starts at line 2). */
class YamlFile {
  private readonly lc = new LineCounter();
  readonly root: Node | null;
  /** The text is not YAML; its errors are already reported. */
  readonly broken: boolean;
  constructor(
    readonly file: string,
    text: string,
    private readonly errors: Errors,
    private readonly offset = 0,
  ) {
    // failsafe: every scalar stays the text the author wrote, so `equals: 1.0` compares "1.0"
    // and `equals: 007` is not a number; numbers are converted where the format wants them.
    const doc = parseDocument(text, { schema: 'failsafe', lineCounter: this.lc, prettyErrors: false });
    for (const e of doc.errors) this.err(e.pos[0], e.message.split('\n')[0] ?? e.message);
    this.broken = doc.errors.length > 0;
    this.root = this.broken ? null : (doc.contents as Node | null);
  }

  lineOf(node: Node | null | undefined): number {
    const start = node?.range?.[0];
    return (start === undefined ? 0 : this.lc.linePos(start).line) + this.offset;
  }

  err(at: Node | number | null | undefined, message: string): void {
    const line = typeof at === 'number' ? this.lc.linePos(at).line + this.offset : this.lineOf(at);
    this.errors.add(this.file, line, message);
  }

  errLine(line: number, message: string): void {
    this.errors.add(this.file, line + this.offset, message);
  }

  /** The map's entries by key; unknown keys are errors (a typo would otherwise be ignored silently). */
  entries(map: YAMLMap, known: readonly string[], what: string): Map<string, { key: Node; value: Node | null }> {
    const out = new Map<string, { key: Node; value: Node | null }>();
    for (const pair of map.items) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : '';
      if (!known.includes(name)) {
        this.err(key, `${what}: unknown key '${name}' (expected one of: ${known.join(', ')})`);
        continue;
      }
      if (out.has(name)) {
        this.err(key, `${what}: '${name}' appears twice`);
        continue;
      }
      out.set(name, { key, value: (pair.value as Node | null) ?? null });
    }
    return out;
  }

  str(node: Node | null | undefined, what: string, at: Node | null | undefined, opts: { empty?: boolean } = {}): string | undefined {
    if (!isScalar(node)) {
      this.err(node ?? at, `${what} must be text`);
      return undefined;
    }
    const s = String(node.value);
    if (!opts.empty && s.trim() === '') {
      this.err(node, `${what} is empty`);
      return undefined;
    }
    return s;
  }

  /** A sequence of text, or a single text taken as a one-item list. */
  strs(node: Node | null | undefined, what: string, at: Node | null | undefined): { value: string; node: Node }[] {
    if (node == null || (isScalar(node) && String(node.value) === '')) return [];
    if (isScalar(node)) return [{ value: String(node.value), node }];
    if (!isSeq(node)) {
      this.err(node ?? at, `${what} must be a list`);
      return [];
    }
    const out: { value: string; node: Node }[] = [];
    for (const item of node.items as Node[]) {
      const s = this.str(item, `${what} item`, node);
      if (s !== undefined) out.push({ value: s, node: item });
    }
    return out;
  }
}

export function parseLesson(folder: string, files: Record<string, string>): ParseResult {
  const errors = new Errors();
  const m = FOLDER.exec(folder);
  if (!m) errors.add(folder, 0, `folder name '${folder}' must be NN-slug (two digits, then lowercase words joined by -)`);
  const at = (f: string) => `${folder}/${f}`;

  const extra: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (path !== 'lesson.yaml' && path !== 'en.md' && path !== 'ko.md') extra[path] = text;
  }

  const yamlText = files['lesson.yaml'];
  let spec: Spec | undefined;
  if (yamlText === undefined) errors.add(at('lesson.yaml'), 0, 'lesson.yaml is missing');
  else spec = parseSpec(new YamlFile(at('lesson.yaml'), yamlText, errors), files);

  const texts: Partial<Localized<{ meta: LessonText; steps: ParsedStep[] }>> = {};
  for (const lang of LANGS) {
    const md = files[`${lang}.md`];
    if (md === undefined) {
      errors.add(at(`${lang}.md`), 0, `${lang}.md is missing`);
      continue;
    }
    texts[lang] = parseMarkdown(at(`${lang}.md`), md, errors);
  }

  // Both languages must describe the same steps, in lesson.yaml's order.
  if (spec) {
    for (const lang of LANGS) {
      const t = texts[lang];
      if (!t) continue;
      const file = at(`${lang}.md`);
      const ids = new Set(spec.steps.map((s) => s.id));
      const seen = new Set<string>();
      for (const s of t.steps) {
        if (!ids.has(s.id)) errors.add(file, s.line, `step heading {#${s.id}} has no step in lesson.yaml`);
        if (seen.has(s.id)) errors.add(file, s.line, `step heading {#${s.id}} appears twice`);
        seen.add(s.id);
      }
      for (const s of spec.steps) {
        if (!seen.has(s.id)) errors.add(file, 0, `step '${s.id}' (lesson.yaml line ${s.line}) has no heading '## … {#${s.id}}'`);
      }
      const inBoth = t.steps.filter((s) => ids.has(s.id));
      const want = spec.steps.map((s) => s.id).filter((id) => seen.has(id));
      const off = inBoth.find((s, i) => s.id !== want[i]);
      if (off && new Set(inBoth.map((s) => s.id)).size === inBoth.length) {
        errors.add(file, off.line, `steps are out of order: lesson.yaml has ${want.join(', ')}`);
      }
    }
    const en = texts.en;
    const ko = texts.ko;
    if (en && ko) {
      const file = at('ko.md');
      if (en.meta.prerequisites.join(',') !== ko.meta.prerequisites.join(',')) {
        errors.add(file, 0, `prerequisites differ from en.md's (${en.meta.prerequisites.join(', ') || 'none'})`);
      }
      for (const k of ko.steps) {
        const e = en.steps.find((s) => s.id === k.id);
        if (!e) continue;
        if (e.text.hints.length !== k.text.hints.length) errors.add(file, k.line, `step ${k.id}: ${k.text.hints.length} hint(s), en.md has ${e.text.hints.length}`);
        for (const part of ['predict', 'answer'] as const) {
          if ((e.text[part] === undefined) !== (k.text[part] === undefined)) {
            errors.add(file, k.line, `step ${k.id}: ${part} is in ${e.text[part] === undefined ? 'ko.md' : 'en.md'} only; both languages must have it or neither`);
          }
        }
      }
    }
  }

  if (errors.list.length || !spec || !texts.en || !texts.ko || !m) return { ok: false, errors: errors.list };
  const en = texts.en;
  const ko = texts.ko;
  const steps: Step[] = spec.steps.map((s) => ({
    id: s.id,
    files: s.files,
    checks: s.checks,
    ...(s.solution ? { solution: s.solution } : {}),
    ...(s.wrong ? { wrong: s.wrong } : {}),
    text: { en: en.steps.find((x) => x.id === s.id)!.text, ko: ko.steps.find((x) => x.id === s.id)!.text },
  }));
  return {
    ok: true,
    errors: [],
    lesson: { id: folder, order: Number(m[1]), seed: spec.seed, setup: spec.setup, steps, text: { en: en.meta, ko: ko.meta }, files: extra },
  };
}

/** Problems between lessons: a prerequisite that is not a lesson, or one that comes later. */
export function validateCourse(lessons: readonly Lesson[]): LessonError[] {
  const errors: LessonError[] = [];
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const orders = new Map<number, string>();
  for (const l of lessons) {
    const other = orders.get(l.order);
    if (other) errors.push({ file: l.id, line: 0, message: `lesson number ${String(l.order).padStart(2, '0')} is also used by ${other}` });
    orders.set(l.order, l.id);
    for (const lang of LANGS) {
      for (const p of l.text[lang].prerequisites) {
        const dep = byId.get(p);
        if (!dep) errors.push({ file: `${l.id}/${lang}.md`, line: 0, message: `prerequisite '${p}' is not a lesson` });
        else if (dep.order >= l.order) errors.push({ file: `${l.id}/${lang}.md`, line: 0, message: `prerequisite '${p}' does not come before this lesson` });
      }
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// lesson.yaml

interface Spec {
  seed: number;
  setup: string[];
  steps: (Omit<Step, 'text'> & { line: number })[];
}

function parseSpec(y: YamlFile, files: Record<string, string>): Spec | undefined {
  if (y.root === null) {
    if (!y.broken) y.errLine(1, 'lesson.yaml is empty');
    return undefined;
  }
  if (!isMap(y.root)) {
    y.err(y.root, 'lesson.yaml must be a map with seed, setup and steps');
    return undefined;
  }
  const top = y.entries(y.root, ['seed', 'setup', 'steps'], 'lesson.yaml');
  let seed = 0;
  const seedNode = top.get('seed');
  if (!seedNode) y.err(y.root, 'seed is missing (the cluster must be the same every time)');
  else {
    const s = y.str(seedNode.value, 'seed', seedNode.key);
    if (s !== undefined && !/^\d+$/.test(s.trim())) y.err(seedNode.value, `seed '${s}' must be a whole number`);
    else if (s !== undefined) seed = Number(s);
  }
  const setup = top.has('setup') ? y.strs(top.get('setup')!.value, 'setup', top.get('setup')!.key).map((x) => x.value) : [];

  const steps: Spec['steps'] = [];
  const stepsNode = top.get('steps');
  if (!stepsNode) y.err(y.root, 'steps is missing');
  else if (!isSeq(stepsNode.value) || stepsNode.value.items.length === 0) y.err(stepsNode.value ?? stepsNode.key, 'steps must be a non-empty list');
  else {
    const ids = new Set<string>();
    for (const item of stepsNode.value.items as Node[]) {
      const step = parseStep(y, item, files);
      if (!step) continue;
      if (ids.has(step.id)) y.err(item, `step id '${step.id}' appears twice`);
      ids.add(step.id);
      steps.push(step);
    }
  }
  return { seed, setup, steps };
}

function parseStep(y: YamlFile, node: Node, files: Record<string, string>): Spec['steps'][number] | undefined {
  if (!isMap(node)) {
    y.err(node, 'a step must be a map with id, files, checks, solution, wrong');
    return undefined;
  }
  const e = y.entries(node, ['id', 'files', 'checks', 'solution', 'wrong'], 'step');
  const idEntry = e.get('id');
  const id = idEntry ? y.str(idEntry.value, 'step id', idEntry.key) : undefined;
  if (!idEntry) {
    y.err(node, 'step has no id');
    return undefined;
  }
  if (id === undefined) return undefined;
  if (!ID.test(id)) y.err(idEntry.value, `step id '${id}' must be lowercase words joined by -`);
  const what = `step ${id}`;

  const stepFiles: string[] = [];
  if (e.has('files')) {
    for (const f of y.strs(e.get('files')!.value, `${what}: files`, e.get('files')!.key)) {
      if (f.value.includes('/')) y.err(f.node, `${what}: files names a file inside files/ ('${f.value.split('/').pop()}'), without a folder`);
      else if (files[`files/${f.value}`] === undefined) y.err(f.node, `${what}: files/${f.value} does not exist`);
      else stepFiles.push(f.value);
    }
  }

  const checks: Check[] = [];
  if (e.has('checks')) {
    const c = e.get('checks')!;
    if (c.value !== null && !isSeq(c.value)) y.err(c.value, `${what}: checks must be a list`);
    else if (c.value) {
      for (const item of c.value.items as Node[]) {
        const check = parseCheck(y, item, what);
        if (!check) continue;
        if (checks.some((x) => x.id === check.id)) y.err(item, `${what}: check id '${check.id}' appears twice`);
        checks.push(check);
      }
    }
  }

  const solution = e.has('solution') ? parseAttempt(y, e.get('solution')!, `${what}: solution`, files, false) : undefined;
  const wrong = e.has('wrong') ? (parseAttempt(y, e.get('wrong')!, `${what}: wrong`, files, true) as WrongAttempt | undefined) : undefined;
  if (checks.length && !e.has('solution')) y.err(node, `${what} has checks but no solution (the tests replay it to prove the checks can pass)`);
  if (wrong) {
    if (!checks.some((c) => c.id === wrong.fails)) y.err(e.get('wrong')!.value, `${what}: wrong.fails '${wrong.fails}' is not one of this step's checks (${checks.map((c) => c.id).join(', ') || 'none'})`);
  }
  return { id, files: stepFiles, checks, ...(solution ? { solution } : {}), ...(wrong ? { wrong } : {}), line: y.lineOf(node) };
}

function parseCheck(y: YamlFile, node: Node, step: string): Check | undefined {
  if (!isMap(node)) {
    y.err(node, `${step}: a check must be a map`);
    return undefined;
  }
  const e = y.entries(node, ['id', 'kubectl', 'ran', ...COMPARATORS, 'message'], `${step}: check`);
  const idEntry = e.get('id');
  if (!idEntry) {
    y.err(node, `${step}: check has no id`);
    return undefined;
  }
  const id = y.str(idEntry.value, 'check id', idEntry.key);
  if (id === undefined) return undefined;
  if (!ID.test(id)) y.err(idEntry.value, `check id '${id}' must be lowercase words joined by -`);
  const what = `${step}: check ${id}`;
  const line = y.lineOf(node);

  let message: Localized<string> | undefined;
  const msg = e.get('message');
  if (!msg) y.err(node, `${what} has no message (en and ko)`);
  else if (!isMap(msg.value)) y.err(msg.value ?? msg.key, `${what}: message must be a map with en and ko`);
  else {
    const me = y.entries(msg.value, LANGS, `${what}: message`);
    const en = me.get('en');
    const ko = me.get('ko');
    if (!en) y.err(msg.value, `${what}: message has no en`);
    if (!ko) y.err(msg.value, `${what}: message has no ko`);
    const enText = en ? y.str(en.value, `${what}: message.en`, en.key) : undefined;
    const koText = ko ? y.str(ko.value, `${what}: message.ko`, ko.key) : undefined;
    if (enText !== undefined && koText !== undefined) message = { en: enText.trim(), ko: koText.trim() };
  }

  const comparators = COMPARATORS.filter((c) => e.has(c));
  const kube = e.get('kubectl');
  const ran = e.get('ran');
  if (kube && ran) {
    y.err(node, `${what} has both kubectl and ran; a check is one or the other`);
    return undefined;
  }
  if (ran) {
    if (comparators.length) y.err(e.get(comparators[0]!)!.key, `${what}: a ran check is its own regex; ${comparators[0]} belongs to kubectl checks`);
    const pattern = y.str(ran.value, `${what}: ran`, ran.key);
    if (pattern === undefined || !validRegex(y, ran.value, what, pattern) || !message) return undefined;
    return { id, kind: 'ran', pattern, message, line };
  }
  if (!kube) {
    y.err(node, `${what} has neither kubectl nor ran`);
    return undefined;
  }
  if (comparators.length === 0) {
    y.err(node, `${what} has no comparator (one of: ${COMPARATORS.join(' | ')})`);
    return undefined;
  }
  if (comparators.length > 1) {
    y.err(e.get(comparators[1]!)!.key, `${what} has more than one comparator (${comparators.join(', ')}); split it into two checks`);
    return undefined;
  }
  const comparator: Comparator = comparators[0]!;
  const cmpEntry = e.get(comparator)!;
  const value = y.str(cmpEntry.value, `${what}: ${comparator}`, cmpEntry.key, { empty: comparator === 'equals' || comparator === 'matches' });
  const command = y.str(kube.value, `${what}: kubectl`, kube.key);
  if (value === undefined || command === undefined) return undefined;
  if (comparator === 'matches' && !validRegex(y, cmpEntry.value, what, value)) return undefined;
  const argv = kubectlArgv(command);
  if (typeof argv === 'string') {
    y.err(kube.value, `${what}: ${argv}`);
    return undefined;
  }
  if (!message) return undefined;
  return { id, kind: 'kubectl', command: command.trim().replace(/^kubectl\s+/, ''), argv, comparator, value, message, line };
}

/** The check's command as argv, or why it cannot be a check. */
export function kubectlArgv(command: string): string[] | string {
  const w = words(command.trim(), () => undefined);
  if (w.error) return `kubectl: ${w.error}`;
  if (w.pipe !== undefined) return 'kubectl: a check reads kubectl output directly; there is no pipe (use -o jsonpath or -o name)';
  const argv = w.argv[0] === 'kubectl' ? w.argv.slice(1) : w.argv;
  const verb = argv[0];
  if (!verb) return 'kubectl: no command';
  if (!READ_ONLY_VERBS.has(verb)) return `kubectl: '${verb}' is not read-only; checks may use ${[...READ_ONLY_VERBS].join(', ')}`;
  const streaming = argv.find((a) => STREAMING_FLAGS.has(a.split('=')[0]!));
  if (streaming) return `kubectl: ${streaming} waits for more output; a check reads once`;
  return argv;
}

function validRegex(y: YamlFile, node: Node | null, what: string, pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch (e) {
    y.err(node, `${what}: bad regex /${pattern}/: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

function parseAttempt(
  y: YamlFile,
  entry: { key: Node; value: Node | null },
  what: string,
  files: Record<string, string>,
  wrong: boolean,
): Attempt | WrongAttempt | undefined {
  const node = entry.value;
  if (!isMap(node)) {
    y.err(node ?? entry.key, `${what} must be a map with apply, run, wait${wrong ? ', fails' : ''}`);
    return undefined;
  }
  const e = y.entries(node, wrong ? ['apply', 'run', 'wait', 'fails'] : ['apply', 'run', 'wait'], what);
  const apply: string[] = [];
  if (e.has('apply')) {
    for (const f of y.strs(e.get('apply')!.value, `${what}: apply`, e.get('apply')!.key)) {
      if (files[f.value] === undefined) y.err(f.node, `${what}: ${f.value} does not exist`);
      else apply.push(f.value);
    }
  }
  const run = e.has('run') ? y.strs(e.get('run')!.value, `${what}: run`, e.get('run')!.key).map((x) => x.value) : [];
  let waitMs = 0;
  const w = e.get('wait');
  if (w) {
    const s = y.str(w.value, `${what}: wait`, w.key);
    const ms = s === undefined ? undefined : parseDuration(s);
    if (s !== undefined && ms === undefined) y.err(w.value, `${what}: wait '${s}' is not a duration (e.g. 20s, 2m, 1m30s)`);
    if (ms !== undefined) waitMs = ms;
  }
  if (!apply.length && !run.length && !w) y.err(node, `${what} does nothing: give apply, run or wait`);
  if (!wrong) return { apply, run, waitMs };
  const f = e.get('fails');
  if (!f) {
    y.err(node, `${what} has no fails (the id of the check it must fail)`);
    return undefined;
  }
  const fails = y.str(f.value, `${what}: fails`, f.key);
  return fails === undefined ? undefined : { apply, run, waitMs, fails };
}

// ---------------------------------------------------------------------------------------------
// en.md / ko.md

interface ParsedStep {
  id: string;
  line: number;
  text: StepText;
}

const H2 = /^##(?!#)\s*(.*?)\s*$/;
const H3 = /^###(?!#)\s*(.*?)\s*#*\s*$/;
const STEP_ID = /^(.*?)\s*\{#([^}\s]*)\}$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function parseMarkdown(file: string, text: string, errors: Errors): { meta: LessonText; steps: ParsedStep[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let body = 0;
  let meta: Omit<LessonText, 'intro'> = { title: '', summary: '', minutes: 0, prerequisites: [] };
  if (lines[0]?.trim() !== '---') {
    errors.add(file, 1, 'front matter missing: the file must start with a --- line, then title, summary, minutes, prerequisites, then ---');
  } else {
    const close = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (close < 0) errors.add(file, 1, 'front matter is not closed with a --- line');
    else {
      meta = parseFrontMatter(new YamlFile(file, lines.slice(1, close).join('\n'), errors, 1));
      body = close + 1;
    }
  }

  const intro: string[] = [];
  const steps: { id: string; line: number; title: string; body: string[]; hints: string[][]; predict?: string[]; answer?: string[]; into: string[] }[] = [];
  let fence: string | undefined;
  for (let i = body; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const cur = steps[steps.length - 1];
    const sink = cur ? cur.into : intro;
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = undefined;
      sink.push(line);
      continue;
    }
    if (f) {
      fence = f[1]!;
      sink.push(line);
      continue;
    }
    const h2 = H2.exec(line);
    if (h2) {
      const m = STEP_ID.exec(h2[1]!);
      if (!m) {
        errors.add(file, lineNo, `'## ${h2[1]}' has no {#step-id}: every ## heading is a step (use ### or #### for other headings)`);
        continue;
      }
      const [, title, id] = m;
      if (!ID.test(id!)) errors.add(file, lineNo, `step id '${id}' must be lowercase words joined by -`);
      if (!title) errors.add(file, lineNo, `step {#${id}} has no title`);
      const s = { id: id!, line: lineNo, title: title!, body: [] as string[], hints: [] as string[][], into: [] as string[] };
      s.into = s.body;
      steps.push(s);
      continue;
    }
    const h3 = H3.exec(line);
    if (h3 && cur) {
      const kind = SECTIONS[h3[1]!.toLowerCase()];
      const inSection = cur.into !== cur.body;
      if (kind === 'hint') {
        const h: string[] = [];
        cur.hints.push(h);
        cur.into = h;
        continue;
      }
      if (kind === 'predict' || kind === 'answer') {
        if (cur[kind]) errors.add(file, lineNo, `step ${cur.id}: a second ### ${h3[1]}`);
        const p: string[] = [];
        cur[kind] = p;
        cur.into = p;
        continue;
      }
      if (inSection) {
        errors.add(file, lineNo, `step ${cur.id}: '### ${h3[1]}' after a Hint/Predict/Answer section; only those may follow (use #### inside them)`);
        continue;
      }
    }
    sink.push(line);
  }
  if (fence) errors.add(file, lines.length, `a code block opened with ${fence} is not closed`);

  const parsed: ParsedStep[] = steps.map((s) => {
    const stepText: StepText = { title: s.title, body: block(s.body), hints: s.hints.map(block) };
    if (!stepText.body) errors.add(file, s.line, `step ${s.id} has no text`);
    s.hints.forEach((h, i) => {
      if (!block(h)) errors.add(file, s.line, `step ${s.id}: hint ${i + 1} is empty`);
    });
    if (s.predict) {
      stepText.predict = block(s.predict);
      if (!stepText.predict) errors.add(file, s.line, `step ${s.id}: Predict is empty`);
    }
    if (s.answer) {
      stepText.answer = block(s.answer);
      if (!stepText.answer) errors.add(file, s.line, `step ${s.id}: Answer is empty`);
    }
    return { id: s.id, line: s.line, text: stepText };
  });
  return { meta: { ...meta, intro: block(intro) }, steps: parsed };
}

/** A section's text without the blank lines around it. */
function block(lines: string[]): string {
  return lines.join('\n').replace(/^\s*\n/, '').trimEnd();
}

function parseFrontMatter(y: YamlFile): Omit<LessonText, 'intro'> {
  const out = { title: '', summary: '', minutes: 0, prerequisites: [] as string[] };
  if (y.root === null) {
    if (!y.broken) y.errLine(1, 'front matter is empty: give title, summary, minutes');
    return out;
  }
  if (!isMap(y.root)) {
    y.err(y.root, 'front matter must be a map: title, summary, minutes, prerequisites');
    return out;
  }
  const e = y.entries(y.root, ['title', 'summary', 'minutes', 'prerequisites'], 'front matter');
  for (const k of ['title', 'summary'] as const) {
    const v = e.get(k);
    if (!v) y.err(y.root, `front matter has no ${k}`);
    else out[k] = y.str(v.value, k, v.key)?.trim() ?? '';
  }
  const min = e.get('minutes');
  if (!min) y.err(y.root, 'front matter has no minutes');
  else {
    const s = y.str(min.value, 'minutes', min.key);
    if (s !== undefined && !/^[1-9]\d*$/.test(s.trim())) y.err(min.value, `minutes '${s}' must be a whole number of minutes`);
    else if (s !== undefined) out.minutes = Number(s);
  }
  const pre = e.get('prerequisites');
  if (pre) {
    for (const p of y.strs(pre.value, 'prerequisites', pre.key)) {
      if (!FOLDER.test(p.value)) y.err(p.node, `prerequisite '${p.value}' must be a lesson folder name (NN-slug)`);
      else out.prerequisites.push(p.value);
    }
  }
  return out;
}

