// Placeholder: the xterm.js terminal is built here.
import { useState } from 'react';
import { useLab } from '../../state/labStore.ts';

export function TerminalPane() {
  const scrollback = useLab((s) => s.scrollback);
  const submit = useLab((s) => s.submit);
  const [value, setValue] = useState('');
  return (
    <div className="pane-body">
      <pre role="log">{scrollback}</pre>
      <form onSubmit={(e) => { e.preventDefault(); submit(value); setValue(''); }}>
        <input aria-label="Command" value={value} onChange={(e) => setValue(e.target.value)} />
      </form>
    </div>
  );
}
