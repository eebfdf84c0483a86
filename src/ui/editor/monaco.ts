// Monaco for the editor pane: the editor core, the YAML tokenizer and monaco-yaml with the
// offline Kubernetes schema. Only MonacoEditor.tsx imports this, and only through a dynamic
// import, so none of it is on the first paint.
//
// Why not `import 'monaco-editor'`: that is every language and four language services
// (~16 MB). The side-effect imports below are editor.main.js's contributions without the
// languages (paths through the vite alias for monaco-editor/esm/vs, which the package's
// exports map hides).
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/esm/vs/editor/contrib/anchorSelect/browser/anchorSelect.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/caretOperations/browser/caretOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/caretOperations/browser/transpose.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/codeAction/browser/codeActionContributions.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/dropOrPasteInto/browser/copyPasteContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/dropOrPasteInto/browser/dropIntoEditorContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/esm/vs/editor/contrib/fontZoom/browser/fontZoom.js';
import 'monaco-editor/esm/vs/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/esm/vs/editor/contrib/documentSymbols/browser/documentSymbols.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/markerSelectionStatus.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoSymbol/browser/goToCommands.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoSymbol/browser/link/goToDefinitionAtPosition.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/inlineProgress/browser/inlineProgress.js';
import 'monaco-editor/esm/vs/editor/contrib/lineSelection/browser/lineSelection.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/links/browser/links.js';
import 'monaco-editor/esm/vs/editor/contrib/longLinesHelper/browser/longLinesHelper.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/parameterHints/browser/parameterHints.js';
import 'monaco-editor/esm/vs/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
import 'monaco-editor/esm/vs/editor/contrib/readOnlyMessage/browser/contribution.js';
import 'monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect.js';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestInlineCompletions.js';
import 'monaco-editor/esm/vs/editor/contrib/tokenization/browser/tokenization.js';
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import 'monaco-editor/esm/vs/editor/contrib/unicodeHighlighter/browser/unicodeHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/wordPartOperations/browser/wordPartOperations.js';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon-modifiers.css';
import 'monaco-editor/esm/vs/languages/definitions/yaml/register.js';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from './yaml.worker.ts?worker';
import k8sSchema from './k8s-editor-schema.json';

export { monaco };

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

// Monaco's own services (word suggestions, links, diffs) run in the plain editor worker.
window.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export const MODEL_SCHEME = 'kubelab';

export function modelUri(file: string): monaco.Uri {
  return monaco.Uri.from({ scheme: MODEL_SCHEME, path: `/${file}` });
}

/**
 * monaco-yaml 5.5.1 asks for a worker with the `{moduleId, label, createData}` form that
 * monaco 0.57 dropped; 0.57's editor.createWebWorker wants a ready Worker. This does what
 * monaco's internal shim for its own languages does: start the worker, post 'ignore' (which
 * wakes the worker's first onmessage) and then the create data, then hand it over.
 */
function createYamlWorker<T extends object>(opts: { createData?: unknown; host?: Record<string, (...args: unknown[]) => unknown> }): monaco.editor.MonacoWebWorker<T> {
  const worker = new YamlWorker();
  worker.postMessage('ignore');
  worker.postMessage(opts.createData);
  return monaco.editor.createWebWorker<T>({ worker, ...(opts.host ? { host: opts.host } : {}) });
}

const monacoForYaml = { ...monaco, editor: { ...monaco.editor, createWebWorker: createYamlWorker } };

configureMonacoYaml(monacoForYaml as unknown as Parameters<typeof configureMonacoYaml>[0], {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: { enable: true },
  schemas: [{ uri: 'kubelab://schemas/kubernetes.json', fileMatch: ['*'], schema: k8sSchema as JSONSchema }],
});

// The editor sits on the pane's own background instead of Monaco's stock white/grey.
// Line numbers and comments darker/lighter than Monaco's defaults: those miss WCAG AA contrast
// (4.5:1) on our backgrounds, and axe checks the whole page.
monaco.editor.defineTheme('kubelab-light', {
  base: 'vs',
  inherit: true,
  rules: [{ token: 'comment', foreground: '3b7a2a' }],
  colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#57606a', 'editorLineNumber.dimmedForeground': '#57606a', 'editorLineNumber.activeForeground': '#1b1f24' },
});
monaco.editor.defineTheme('kubelab-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: '8fbf7f' }],
  colors: { 'editor.background': '#141920', 'editorLineNumber.foreground': '#8b949e', 'editorLineNumber.dimmedForeground': '#8b949e', 'editorLineNumber.activeForeground': '#e6e9ef' },
});
// Presentation mode (a projector): pure black on white / white on near-black, as app.css's
// presentation colours.
monaco.editor.defineTheme('kubelab-light-hc', {
  base: 'vs',
  inherit: true,
  rules: [{ token: 'comment', foreground: '24601a' }],
  colors: { 'editor.background': '#ffffff', 'editor.foreground': '#000000', 'editorLineNumber.foreground': '#30363d', 'editorLineNumber.dimmedForeground': '#30363d', 'editorLineNumber.activeForeground': '#000000' },
});
monaco.editor.defineTheme('kubelab-dark-hc', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: 'a8d89a' }],
  colors: { 'editor.background': '#0a0c10', 'editor.foreground': '#ffffff', 'editorLineNumber.foreground': '#d0d7de', 'editorLineNumber.dimmedForeground': '#d0d7de', 'editorLineNumber.activeForeground': '#ffffff' },
});
