import { useEffect, useRef, useState } from 'react';
import { useLab } from '../state/labStore.ts';

const EXAMPLES = ['kubectl get nodes', 'kubectl run web --image=nginx', 'kubectl get pods -o wide', 'kubectl describe pod web'];

function Clock() {
  const now = useLab((s) => s.now);
  return <span className="clock" aria-label="Simulated time">{new Date(now).toISOString().slice(11, 19)} UTC</span>;
}

function Terminal() {
  const lines = useLab((s) => s.lines);
  const run = useLab((s) => s.run);
  const [value, setValue] = useState('');
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [lines]);
  return (
    <section className="term" aria-label="Terminal">
      <div className="term-out" role="log" aria-live="polite">
        {lines.length === 0 && <p className="hint">Type a kubectl command, or try one of the examples above.</p>}
        {lines.map((l) => (
          <pre key={l.id} className={l.kind}>
            {l.text}
          </pre>
        ))}
        <div ref={endRef} />
      </div>
      <form
        className="term-in"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return;
          run(value);
          setValue('');
        }}
      >
        <span aria-hidden="true">$</span>
        <input aria-label="Command" value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} autoComplete="off" autoFocus />
      </form>
    </section>
  );
}

export function App() {
  const tick = useLab((s) => s.tick);
  const run = useLab((s) => s.run);
  useEffect(() => {
    // The cluster's clock follows real time while the page is open.
    const id = window.setInterval(() => tick(250), 250);
    return () => window.clearInterval(id);
  }, [tick]);
  return (
    <main className="landing">
      <header>
        <h1>Kubelab</h1>
        <p className="tagline">Learn Kubernetes in your browser: a simulated cluster with a real kubectl, no install, works offline.</p>
        <Clock />
      </header>
      <div className="examples" role="group" aria-label="Examples">
        {EXAMPLES.map((ex) => (
          <button key={ex} type="button" onClick={() => run(ex)}>
            {ex}
          </button>
        ))}
      </div>
      <Terminal />
    </main>
  );
}
