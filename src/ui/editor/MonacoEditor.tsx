// The Monaco editor, loaded lazily by EditorPane. The store holds the files: one Monaco model
// per file is derived from them (keyed by name), edits go back through updateFile, and a file
// changed from outside (import) is patched into its model only where the text differs, so the
// cursor and undo history survive.
import { useEffect, useRef } from 'react';
import { useLab, type LabState } from '../../state/labStore.ts';
import { monaco, modelUri } from './monaco.ts';
import { checkWorkspace } from './checks.ts';
import { clusterFacts } from './facts.ts';
import { editorStrings } from './strings.ts';
import { takeFocusHandoff } from './handoff.ts';

const CHECK_INTERVAL_MS = 300;

function themeName(theme: LabState['theme'], presentation: boolean): string {
  return `kubelab-${theme === 'dark' ? 'dark' : 'light'}${presentation ? '-hc' : ''}`;
}

/** Presentation mode (a projector) gets large type. */
function fontOptions(presentation: boolean): { fontSize: number; lineHeight: number } {
  return presentation ? { fontSize: 18, lineHeight: 27 } : { fontSize: 13, lineHeight: 20 };
}

/** Replaces only the changed middle of a model's text: the cursor stays put outside it. */
function patchModel(model: monaco.editor.ITextModel, text: string): void {
  const old = model.getValue();
  if (old === text) return;
  let start = 0;
  const max = Math.min(old.length, text.length);
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(old.length - end);
  model.pushEditOperations([], [{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: text.slice(start, text.length - end) }], () => null);
}

export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const t = editorStrings();
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const initial = useLab.getState();
    const mono = getComputedStyle(document.documentElement).getPropertyValue('--mono').trim();
    const editor = monaco.editor.create(el, {
      model: null,
      theme: themeName(initial.theme, initial.presentation),
      fontFamily: mono || 'monospace',
      ...fontOptions(initial.presentation),
      tabSize: 2,
      insertSpaces: true,
      minimap: { enabled: false },
      automaticLayout: true,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      // The hidden-textarea input path: its beforeinput can be intercepted (see onBeforeInput),
      // where Chromium's EditContext path delivers inserted text past it.
      editContext: false,
      padding: { top: 8, bottom: 8 },
      quickSuggestions: { other: true, comments: false, strings: true },
      ariaLabel: tRef.current('editorLabel', { file: initial.activeFile }),
    });

    const models = new Map<string, monaco.editor.ITextModel>();
    const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
    let fromStore = false;
    let shown = '';

    function syncFiles(files: LabState['files']): void {
      const names = new Set(files.map((f) => f.name));
      for (const f of files) {
        const existing = models.get(f.name);
        if (existing) {
          fromStore = true;
          try {
            patchModel(existing, f.text);
          } finally {
            fromStore = false;
          }
          continue;
        }
        const uri = modelUri(f.name);
        monaco.editor.getModel(uri)?.dispose();
        const model = monaco.editor.createModel(f.text, 'yaml', uri);
        const name = f.name;
        model.onDidChangeContent(() => {
          if (!fromStore) useLab.getState().updateFile(name, model.getValue());
        });
        models.set(name, model);
      }
      for (const [name, model] of models) {
        if (names.has(name)) continue;
        if (editor.getModel() === model) editor.setModel(null);
        model.dispose();
        models.delete(name);
        viewStates.delete(name);
        if (shown === name) shown = '';
      }
    }

    function showActive(name: string): void {
      const model = models.get(name) ?? null;
      if (name === shown && editor.getModel() === model) return;
      if (shown && models.has(shown)) viewStates.set(shown, editor.saveViewState());
      shown = name;
      editor.setModel(model);
      const vs = viewStates.get(name);
      if (vs) editor.restoreViewState(vs);
      editor.updateOptions({ ariaLabel: tRef.current('editorLabel', { file: name }) });
    }

    let checkTimer: ReturnType<typeof setTimeout> | undefined;
    function runChecks(): void {
      checkTimer = undefined;
      const s = useLab.getState();
      let facts;
      try {
        facts = clusterFacts(s.snapshot);
      } catch {
        return;
      }
      const diagnostics = checkWorkspace(s.files, facts, s.lang);
      for (const [name, model] of models) {
        const mine = diagnostics.filter((d) => d.file === name);
        monaco.editor.setModelMarkers(
          model,
          'kubelab',
          mine.map((d) => ({
            startLineNumber: d.line,
            startColumn: d.column,
            endLineNumber: d.endLine,
            endColumn: d.endColumn,
            message: d.message,
            severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            source: 'kubelab',
          })),
        );
      }
    }
    // Throttled, not debounced: the snapshot changes on every tick while the cluster runs.
    const scheduleChecks = (): void => {
      checkTimer ??= setTimeout(runChecks, CHECK_INTERVAL_MS);
    };

    syncFiles(initial.files);
    showActive(initial.activeFile);
    scheduleChecks();

    const unsubscribe = useLab.subscribe((s, prev) => {
      if (s.files !== prev.files) syncFiles(s.files);
      if (s.files !== prev.files || s.activeFile !== prev.activeFile) showActive(s.activeFile);
      if (s.theme !== prev.theme || s.presentation !== prev.presentation) monaco.editor.setTheme(themeName(s.theme, s.presentation));
      if (s.presentation !== prev.presentation) editor.updateOptions(fontOptions(s.presentation));
      if (s.lang !== prev.lang) editor.updateOptions({ ariaLabel: tRef.current('editorLabel', { file: s.activeFile }) });
      if (s.files !== prev.files || s.snapshot !== prev.snapshot || s.lang !== prev.lang) scheduleChecks();
    });

    editor.addAction({
      id: 'kubelab.apply',
      label: 'Apply: kubectl apply -f',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => {
        const s = useLab.getState();
        s.applyFile(s.activeFile);
      },
    });

    // Monaco types an input event's text one character at a time through its auto-indent and
    // auto-close rules, which suits keystrokes but re-indents every line of a multi-character
    // insert (dictation, text inserted by tools and tests) into a staircase. Such inserts go
    // in verbatim, as a paste would.
    const onBeforeInput = (e: InputEvent): void => {
      if (e.inputType !== 'insertText' || e.isComposing || !e.data || e.data.length < 2) return;
      const selections = editor.getSelections();
      if (!selections?.length || editor.getOption(monaco.editor.EditorOption.readOnly)) return;
      e.preventDefault();
      e.stopPropagation();
      const text = e.data;
      editor.pushUndoStop();
      editor.executeEdits(
        'kubelab.insert',
        selections.map((range) => ({ range, text, forceMoveMarkers: true })),
      );
      editor.pushUndoStop();
      editor.revealPosition(editor.getPosition() ?? { lineNumber: 1, column: 1 });
    };
    el.addEventListener('beforeinput', onBeforeInput, true);

    // Monaco scrolls virtually; a native scroll of its overflow:hidden layers (scrollIntoView on
    // the wide line layer, as automation does when it clicks the text) shifts the text out of
    // sight while Monaco believes it is still at 0. Undo such scrolls at once.
    const onNativeScroll = (e: Event): void => {
      const target = e.target;
      if (!(target instanceof HTMLElement) || !target.closest('.monaco-editor')) return;
      if (!target.classList.contains('monaco-scrollable-element') && !target.classList.contains('overflow-guard') && !target.classList.contains('lines-content')) return;
      if (target.scrollLeft !== 0) target.scrollLeft = 0;
      if (target.scrollTop !== 0) target.scrollTop = 0;
    };
    el.addEventListener('scroll', onNativeScroll, true);

    // The student may have been typing in the plain textarea while Monaco loaded.
    const handoff = takeFocusHandoff();
    if (handoff) {
      const model = editor.getModel();
      if (model) editor.setPosition(model.getPositionAt(handoff.offset));
      editor.focus();
    }

    return () => {
      el.removeEventListener('beforeinput', onBeforeInput, true);
      el.removeEventListener('scroll', onNativeScroll, true);
      unsubscribe();
      if (checkTimer) clearTimeout(checkTimer);
      editor.dispose();
      for (const model of models.values()) model.dispose();
    };
  }, []);

  return <div ref={host} className="editor-monaco" data-testid="monaco-host" />;
}
