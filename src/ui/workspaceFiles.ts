// Export and import of workspace files. Export writes one multi-document YAML bundle whose
// documents are separated by `# file: NAME` markers, so an import gives the same files back;
// importing plain YAML files keeps their names.

import type { WorkspaceFile } from '../state/workspace.ts';
import { validFileName } from '../state/workspace.ts';

const MARK = /^# kubelab-file: (.+)$/m;
const MAX_IMPORT_BYTES = 2_000_000;

export function bundle(files: WorkspaceFile[]): string {
  return files.map((f) => `# kubelab-file: ${f.name}\n${f.text.endsWith('\n') || !f.text ? f.text : f.text + '\n'}`).join('');
}

export function unbundle(text: string, fallbackName: string): WorkspaceFile[] {
  if (!MARK.test(text)) return [{ name: fallbackName, text }];
  const out: WorkspaceFile[] = [];
  const parts = text.split(/^# kubelab-file: (.+)\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!.trim();
    if (validFileName(name)) out.push({ name, text: parts[i + 1] ?? '' });
  }
  return out;
}

export function exportWorkspace(files: WorkspaceFile[]): void {
  const blob = new Blob([bundle(files)], { type: 'text/yaml' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'kubelab-workspace.yaml';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export async function readImport(list: FileList | null): Promise<{ files: WorkspaceFile[]; errors: { name: string; why: string }[] }> {
  const files: WorkspaceFile[] = [];
  const errors: { name: string; why: string }[] = [];
  for (const f of Array.from(list ?? [])) {
    if (f.size > MAX_IMPORT_BYTES) {
      errors.push({ name: f.name, why: `larger than ${MAX_IMPORT_BYTES / 1_000_000} MB` });
      continue;
    }
    const text = await f.text();
    const name = validFileName(f.name) ? f.name : f.name.replace(/[^\w.-]/g, '_');
    files.push(...unbundle(text, name));
  }
  return { files, errors };
}
