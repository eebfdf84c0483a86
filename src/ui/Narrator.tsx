import { useEffect, useRef, useState } from 'react';
import { useLab } from '../state/labStore.ts';
import { SYSTEM_NAMESPACES, parseKey } from '../state/snapshot.ts';

/**
 * A polite live region that reads out what just happened in the student's namespaces
 * ("Pod myapp-pod: Started: Started container init-myservice"), one line at a time.
 */
export function Narrator() {
  const events = useLab((s) => s.snapshot.events);
  const [line, setLine] = useState('');
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    const last = events.filter((e) => {
      const ns = parseKey(e.object).namespace;
      return !ns || !SYSTEM_NAMESPACES.has(ns);
    }).at(-1);
    if (!last) return;
    const stamp = last.at * 1000 + last.count;
    if (seen.current === undefined) {
      seen.current = stamp; // do not read out history on load
      return;
    }
    if (stamp === seen.current) return;
    seen.current = stamp;
    const { kind, name } = parseKey(last.object);
    setLine(`${kind} ${name}: ${last.message}`);
  }, [events]);
  return (
    <div className="visually-hidden" aria-live="polite" role="status">
      {line}
    </div>
  );
}
