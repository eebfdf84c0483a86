// Placeholder: the workspace editor (Monaco) is built here.
import { useLab } from '../../state/labStore.ts';

export function EditorPane() {
  const files = useLab((s) => s.files);
  const active = useLab((s) => s.activeFile);
  const applyFile = useLab((s) => s.applyFile);
  const file = files.find((f) => f.name === active);
  return (
    <div className="pane-body">
      <pre>{file?.text}</pre>
      <button type="button" onClick={() => applyFile(active)}>Apply</button>
    </div>
  );
}
