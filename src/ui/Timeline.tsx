import { memo, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Action } from '../sim/runner/driver.ts';
import type { Lang } from '../state/labStore.ts';
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
  const working = useLab((s) => s.working);
  const t = appStrings();
  const track = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | undefined>(undefined);

  // The snapshot keeps its event list while no event changes, so the markers re-render only then.
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
        style={{ '--span': span } as CSSProperties}
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
        <Marks shown={shown} actions={actions} future={future} startedAt={startedAt} epoch={epoch} lang={lang} />
        <span className="cursor" style={{ left: x(now) }} />
        {hover !== undefined && <span className="hover-time" style={{ left: x(hover) }}>{clockTime(epoch, hover)}</span>}
      </div>
      {/* Announced, and shown in place of the latest event, while time travel runs in slices. */}
      <div className="timeline-working" role="status">
        {working && t(`working_${working.kind}`, { pct: Math.round(working.progress * 100) })}
      </div>
      <div className="timeline-latest" aria-hidden="true" hidden={!!working}>
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

interface MarksProps {
  shown: EventView[];
  actions: Action[];
  future: Action[];
  startedAt: number;
  epoch: number;
  lang: Lang;
}

/**
 * The markers, placed by CSS from their own time (--at) and the track's span (--span), so
 * that as the clock runs only the track's --span changes: a busy cluster has thousands of
 * events, and re-rendering each of them (and its title) every frame was the page's largest
 * main-thread cost with 300 pods.
 */
const Marks = memo(function Marks({ shown, actions, future, startedAt, epoch, lang }: MarksProps) {
  const t = appStrings();
  const at = (ms: number): CSSProperties => ({ '--at': ms - startedAt }) as CSSProperties;
  const actionTitle = (a: Action) => `${clockTime(epoch, a.at)} ${a.kind === 'line' ? t('action', { text: a.text.split('\n')[0]! }) : '^C'}`;
  return (
    <>
      {shown.map((e, i) => (
        <span key={`e${i}`} className={`mark event ${e.type === 'Warning' ? 'warning' : ''}`} style={at(e.at)} title={`${clockTime(epoch, e.at)} ${e.reason}: ${e.message}${whyFor(e.reason, lang) ? `\n${whyFor(e.reason, lang)}` : ''}`} />
      ))}
      {actions.map((a, i) => (
        <span key={`a${i}`} className="mark action" style={at(a.at)} title={actionTitle(a)} />
      ))}
      {future.map((a, i) => (
        <span key={`f${i}`} className="mark action future" style={at(a.at)} title={actionTitle(a)} />
      ))}
    </>
  );
});
