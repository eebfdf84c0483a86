// The workspace editor: file tabs, the editor (Monaco, loaded after the first paint; a plain
// textarea bound to the same file until then or if it fails), Apply and the last apply's result.
import { Component, lazy, Suspense, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useLab } from '../../state/labStore.ts';
import { editorStrings } from './strings.ts';
import { giveFocusHandoff } from './handoff.ts';
import './editor.css';

const MonacoEditor = lazy(() => import('./MonacoEditor.tsx'));

const isApplyKey = (e: KeyboardEvent): boolean => e.key === 'Enter' && (e.ctrlKey || e.metaKey);

export function EditorPane() {
  return (
    <div className="editor-pane">
      <FileTabs />
      <div className="editor-body" id="editor-panel" role="tabpanel" aria-labelledby="editor-tab-active">
        <LoadBoundary fallback={<PlainEditor failed />}>
          <Suspense fallback={<PlainEditor />}>
            <MonacoEditor />
          </Suspense>
        </LoadBoundary>
      </div>
      <ApplyBar />
    </div>
  );
}

/** The textarea used while Monaco loads (or if it cannot): same file, same store. */
function PlainEditor({ failed = false }: { failed?: boolean }) {
  const t = editorStrings();
  const active = useLab((s) => s.activeFile);
  const text = useLab((s) => s.files.find((f) => f.name === s.activeFile)?.text ?? '');
  const updateFile = useLab((s) => s.updateFile);
  const applyFile = useLab((s) => s.applyFile);
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    return () => {
      if (el && document.activeElement === el) giveFocusHandoff(el.selectionStart);
    };
  }, []);
  return (
    <div className="editor-plain">
      <textarea
        ref={ref}
        className="editor-textarea"
        aria-label={t('editorLabel', { file: active })}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={text}
        onChange={(e) => updateFile(active, e.target.value)}
        onKeyDown={(e) => {
          if (isApplyKey(e)) {
            e.preventDefault();
            applyFile(active);
          }
        }}
      />
      <p className={`editor-plain-note${failed ? ' failed' : ''}`} role="status">
        {t(failed ? 'loadFailed' : 'loading')}
      </p>
    </div>
  );
}

class LoadBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function FileTabs() {
  const t = editorStrings();
  const files = useLab((s) => s.files);
  const active = useLab((s) => s.activeFile);
  const setActiveFile = useLab((s) => s.setActiveFile);
  const newFile = useLab((s) => s.newFile);
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());

  const focusTab = (name: string) => requestAnimationFrame(() => tabRefs.current.get(name)?.focus());

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = (index + 1) % files.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + files.length) % files.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = files.length - 1;
    else if (e.key === 'F2') setMode('rename');
    else if (e.key === 'Delete') setMode('delete');
    else return;
    e.preventDefault();
    if (next !== undefined) {
      const name = files[next]!.name;
      setActiveFile(name);
      tabRefs.current.get(name)?.focus();
    }
  };

  return (
    <div className="editor-top">
      <div className="editor-tabbar">
        <div className="editor-tabs" role="tablist" aria-label={t('files')}>
          {files.map((f, i) => {
            const selected = f.name === active;
            return (
              <button
                key={f.name}
                ref={(el) => {
                  if (el) tabRefs.current.set(f.name, el);
                  else tabRefs.current.delete(f.name);
                }}
                type="button"
                role="tab"
                id={selected ? 'editor-tab-active' : undefined}
                className="editor-tab"
                aria-selected={selected}
                aria-controls="editor-panel"
                tabIndex={selected ? 0 : -1}
                title={f.name}
                onClick={() => setActiveFile(f.name)}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {f.name}
              </button>
            );
          })}
        </div>
        <div className="editor-file-actions" role="group" aria-label={t('tabActions')}>
          <button type="button" className="icon-btn" aria-label={t('newFile')} title={t('newFile')} onClick={() => focusTab(newFile())}>
            <PlusIcon />
          </button>
          <button type="button" className="icon-btn" aria-label={t('rename')} title={`${t('rename')} (F2)`} aria-pressed={mode === 'rename'} onClick={() => setMode(mode === 'rename' ? 'idle' : 'rename')}>
            <PencilIcon />
          </button>
          <button type="button" className="icon-btn" aria-label={t('delete')} title={`${t('delete')} (Del)`} aria-pressed={mode === 'delete'} onClick={() => setMode(mode === 'delete' ? 'idle' : 'delete')}>
            <TrashIcon />
          </button>
        </div>
      </div>
      {mode === 'rename' && (
        <RenameForm
          key={active}
          file={active}
          onDone={(name) => {
            setMode('idle');
            focusTab(name);
          }}
        />
      )}
      {mode === 'delete' && (
        <DeleteConfirm
          file={active}
          onDone={() => {
            setMode('idle');
            focusTab(useLab.getState().activeFile);
          }}
        />
      )}
    </div>
  );
}

// Drawn with currentColor so they follow the theme; emoji glyphs are missing on many Linux desktops.
const iconProps = { width: 14, height: 14, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;
const PlusIcon = () => (
  <svg {...iconProps}>
    <path d="M8 3v10M3 8h10" />
  </svg>
);
const PencilIcon = () => (
  <svg {...iconProps}>
    <path d="M10.5 2.5l3 3L6 13H3v-3z" />
    <path d="M9 4l3 3" />
  </svg>
);
const TrashIcon = () => (
  <svg {...iconProps}>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v4.5M9.2 6.5v4.5" />
  </svg>
);

function RenameForm({ file, onDone }: { file: string; onDone: (name: string) => void }) {
  const t = editorStrings();
  const renameFile = useLab((s) => s.renameFile);
  const [value, setValue] = useState(file);
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.focus();
    // Select the stem so typing replaces the name and keeps the extension.
    const dot = file.lastIndexOf('.');
    el.setSelectionRange(0, dot > 0 ? dot : file.length);
  }, [file]);
  return (
    <form
      className="editor-strip"
      onSubmit={(e) => {
        e.preventDefault();
        const err = renameFile(file, value);
        // The store answers in English; its two answers are known, so say them in the page's language.
        if (err) setError(/already exists/.test(err) ? t('renameExists', { file: value.trim() }) : /^Use letters/.test(err) ? t('renameInvalid') : err);
        else onDone(value.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone(file);
        }
      }}
    >
      <input
        ref={inputRef}
        className="editor-rename-input"
        aria-label={t('renameLabel', { file })}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'editor-rename-error' : undefined}
        value={value}
        spellCheck={false}
        onChange={(e) => {
          setValue(e.target.value);
          setError(undefined);
        }}
      />
      <button type="submit" className="text-btn">
        {t('renameSave')}
      </button>
      <button type="button" className="text-btn" onClick={() => onDone(file)}>
        {t('cancel')}
      </button>
      {error && (
        <p id="editor-rename-error" className="editor-strip-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function DeleteConfirm({ file, onDone }: { file: string; onDone: () => void }) {
  const t = editorStrings();
  const deleteFile = useLab((s) => s.deleteFile);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      className="editor-strip"
      role="alertdialog"
      aria-labelledby="editor-delete-q"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <span id="editor-delete-q" className="editor-strip-text">
        {t('deleteConfirm', { file })}
      </span>
      <button
        type="button"
        className="text-btn danger"
        onClick={() => {
          deleteFile(file);
          onDone();
        }}
      >
        {t('delete')}
      </button>
      <button ref={cancelRef} type="button" className="text-btn" onClick={onDone}>
        {t('cancel')}
      </button>
    </div>
  );
}

// The terminal's colour codes (the status line is plain text). Built from a string because a
// control character in a regex literal trips no-control-regex.
const ANSI_SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** kubectl's output as one line: its lines joined, errors first when there are any. */
function oneLine(output: string): string {
  const lines = output
    .replace(ANSI_SGR, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => /^(error|Error)\b/.test(l));
  return (errors.length ? [...errors, ...lines.filter((l) => !errors.includes(l))] : lines).join(' · ');
}

function ApplyBar() {
  const t = editorStrings();
  const active = useLab((s) => s.activeFile);
  const last = useLab((s) => s.lastApply);
  const applyFile = useLab((s) => s.applyFile);
  const line = last ? oneLine(last.output) : '';
  const state = !last ? 'idle' : !line ? 'pending' : last.ok ? 'ok' : 'error';
  const text = !last ? t('notApplied') : !line ? t('applying', { file: last.file }) : `${last.file}: ${line}`;
  return (
    <div className="editor-foot">
      <p className={`editor-status ${state}`} role="status" aria-live="polite" title={last?.output.trim() || undefined} data-testid="apply-status">
        {state === 'ok' && <span aria-hidden="true">✓ </span>}
        {state === 'error' && <span aria-hidden="true">✕ </span>}
        {text}
      </p>
      <button type="button" className="text-btn primary editor-apply" title={t('applyTitle', { file: active })} onClick={() => applyFile(active)}>
        <span aria-hidden="true">▶</span> {t('apply')}
      </button>
    </div>
  );
}
