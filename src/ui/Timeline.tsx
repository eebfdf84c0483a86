import { useMemo, useRef, useState } from 'react';
import { useLab } from '../state/labStore.ts';
import { SYSTEM_NAMESPACES, parseKey, type EventView } from '../state/snapshot.ts';
import { appStrings } from './strings.ts';
import { clockTime } from './format.ts';
import { whyFor } from './why.ts';

const MIN_SPAN = 120_000;

function userEvent(e: EventView): boolean {
  const ns = parseKey(e.object).namespace;
  return !ns || !SYSTEM_NAMESPACES.has(ns);
}

/**
 * The time strip: every event and every action as a marker on a track from the cluster's
 * start to now (and any recorded future after a rewind). Clicking or using the arrow keys
 * moves to that moment: back by replay, forward by letting the cluster run.
 */
export function Timeline() {
  const now = useLab((s) => s.now);
  const startedAt = useLab((s) => s.startedAt);
  const epoch = useLab((s) => s.epoch);
  const events = useLab((s) => s.snapshot.events);
  const actions = useLab((s) => s.actions);
  const future = useLab((s) => s.future);
  const lang = useLab((s) => s.lang);
  const seek = useLab((s) => s.seekTo);
  const t = appStrings();
  const track = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | undefined>(undefined);

  const shown = useMemo(() => events.filter((e) => userEvent(e) && e.at >= startedAt), [events, startedAt]);
  const end = Math.max(now, startedAt + MIN_SPAN, ...future.map((a) => a.at + 5_000));
  const span = end - startedAt;
  const x = (at: number) => `${(((at - startedAt) / span) * 100).toFixed(3)}%`;
  const latest = shown.at(-1);

  const timeAt = (clientX: number) => {
    const r = track.current!.getBoundingClientRect();
    return startedAt + Math.round(((clientX - r.left) / r.width) * span);
  };

  return (
    <footer className="timeline" aria-label={t('timeline')}>
      <div
        ref={track}
        className="timeline-track"
        role="slider"
        tabIndex={0}
        aria-label={t('timeline')}
        aria-valuemin={0}
        aria-valuemax={Math.round(span / 1000)}
        aria-valuenow={Math.round((now - startedAt) / 1000)}
        aria-valuetext={clockTime(epoch, now)}
        title={t('timelineHelp')}
        onClick={(e) => seek(timeAt(e.clientX))}
        onMouseMove={(e) => setHover(timeAt(e.clientX))}
        onMouseLeave={() => setHover(undefined)}
        onKeyDown={(e) => {
          const step = e.shiftKey ? 60_000 : 10_000;
          if (e.key === 'ArrowLeft') seek(now - step);
          else if (e.key === 'ArrowRight') seek(now + step);
          else if (e.key === 'Home') seek(startedAt);
          else return;
          e.preventDefault();
        }}
      >
        <div className="timeline-past" style={{ width: x(now) }} />
        {shown.map((e, i) => (
          <span key={`e${i}`} className={`mark event ${e.type === 'Warning' ? 'warning' : ''}`} style={{ left: x(e.at) }} title={`${clockTime(epoch, e.at)} ${e.reason}: ${e.message}${whyFor(e.reason, lang) ? `\n${whyFor(e.reason, lang)}` : ''}`} />
        ))}
        {actions.map((a, i) => (
          <span key={`a${i}`} className="mark action" style={{ left: x(a.at) }} title={`${clockTime(epoch, a.at)} ${a.kind === 'line' ? t('action', { text: a.text.split('\n')[0]! }) : '^C'}`} />
        ))}
        {future.map((a, i) => (
          <span key={`f${i}`} className="mark action future" style={{ left: x(a.at) }} title={`${clockTime(epoch, a.at)} ${a.kind === 'line' ? t('action', { text: a.text.split('\n')[0]! }) : '^C'}`} />
        ))}
        <span className="cursor" style={{ left: x(now) }} />
        {hover !== undefined && <span className="hover-time" style={{ left: x(hover) }}>{clockTime(epoch, hover)}</span>}
      </div>
      <div className="timeline-latest" aria-hidden="true">
        {future.length > 0 && <span className="badge">{t('replayAhead', { n: future.length })}</span>}
        {latest && (
          <>
            <time>{clockTime(epoch, latest.at)}</time>
            <span className={latest.type === 'Warning' ? 'warning' : ''}>
              {parseKey(latest.object).kind.toLowerCase()}/{parseKey(latest.object).name} · <strong>{latest.reason}</strong> {latest.message}
            </span>
            {whyFor(latest.reason, lang) && <span className="why">— {whyFor(latest.reason, lang)}</span>}
          </>
        )}
      </div>
    </footer>
  );
}
