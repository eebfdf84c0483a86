// `kubectl edit` in the page. The headless runner has no editor and says what to use instead;
// the page opens the live object as a workspace file, and Apply on that file sends what the
// student changed as a JSON merge patch, as kubectl edit does when the editor is saved.

import { parse as parseYaml } from 'yaml';
import { KUBE_YAML } from '../sim/yaml.ts';
import { words } from '../sim/runner/script.ts';
import { mergeDiff, type Json } from './mergeDiff.ts';
import type { WorkspaceFile } from './workspace.ts';

/** The file to open for a `kubectl edit …` line, or undefined if the line is no such edit. */
export function editFileFor(line: string, read: (argv: string[]) => { text: string; code: number }): WorkspaceFile | undefined {
  const { argv } = words(line.trim(), () => undefined);
  if ((argv[0] !== 'kubectl' && argv[0] !== 'k') || argv[1] !== 'edit') return undefined;
  if (argv.some((a) => a === '-f' || a.startsWith('--filename') || a === '-o' || a.startsWith('--output'))) return undefined;
  const res = read(['get', ...argv.slice(2), '-o', 'yaml']);
  if (res.code !== 0 || !res.text.trim() || /^kind: List$/m.test(res.text)) return undefined;
  const kind = (/^kind: (\S+)$/m.exec(res.text)?.[1] ?? 'object').toLowerCase();
  const name = /^ {2}name: (\S+)$/m.exec(res.text)?.[1] ?? 'object';
  return { name: `edit-${kind}-${name}.yaml`, text: res.text, editOf: { target: `${kind}/${name}`, base: res.text } };
}

export function editNote(file: WorkspaceFile, lang: 'en' | 'ko'): string {
  const t = file.editOf?.target ?? file.name;
  return lang === 'ko' ? `# ${t} 를 편집기에서 ${file.name} 로 열었습니다. 적용하면 바뀐 부분만 패치로 저장됩니다.` : `# ${t} is open in the editor as ${file.name}; Apply saves what you changed, as a patch.`;
}

/** What saving an edited object runs: the changes as a JSON merge patch. */
export function editPatchLine(name: string, edit: { target: string; base: string }, text: string): string {
  let diff: Json | undefined;
  try {
    diff = mergeDiff(parseYaml(edit.base, KUBE_YAML) as Json, parseYaml(text, KUBE_YAML) as Json);
  } catch {
    // Unparseable YAML: let kubectl apply report it with its own error and position.
    return `kubectl apply -f ${name}`;
  }
  return `kubectl patch ${edit.target} --type merge -p '${JSON.stringify(diff ?? {}).replace(/'/g, "'\\''")}'`;
}
