// The control plane walk: the components as boxes, and each API request the cluster made as a
// dot travelling writer → kube-apiserver → etcd, then kube-apiserver → every watcher that acts
// on it; beside it the same requests as an ordered list (the text equivalent). Drawn from the
// simulator's own trace (src/sim/trace.ts), so it shows what the simulation did, not a script.
// Loaded lazily from the cluster pane.

import { useEffect, useMemo, useRef, useState } from 'react';
import { currentDriver, useLab } from '../../state/labStore.ts';
import { useReducedMotion } from '../useReducedMotion.ts';
import { boxesFor, buildWalk, type Box, type Hop, type WalkStep } from './walk.ts';
import { walkStrings } from './strings.ts';
import './controlplane.css';

const W = 640;
const H = 222;
const BOX_W = 150;
/** Names too long for a standard box. */
const WIDE: Record<string, number> = { 'kube-controller-manager': 196 };
const BOX_H = 38;

/** Fixed places: the layout never moves as requests come and go. */
function place(boxes: readonly Box[]): Map<Box, { x: number; y: number }> {
  const at = new Map<Box, { x: number; y: number }>([
    ['kubectl', { x: 320, y: 24 }],
    ['kube-controller-manager', { x: 112, y: 82 }],
    ['kube-scheduler', { x: 112, y: 128 }],
    ['kube-apiserver', { x: 320, y: 105 }],
    ['etcd', { x: 548, y: 105 }],
  ]);
  // The nodes' row: each kubelet, then kube-proxy (a DaemonSet: one on every node).
  const row = [...boxes.filter((b) => b.startsWith('kubelet/')), 'kube-proxy'];
  const gap = W / row.length;
  row.forEach((b, i) => at.set(b, { x: gap * (i + 0.5), y: 196 }));
  return at;
}

function label(box: Box): string {
  return box.startsWith('kubelet/') ? 'kubelet' : box;
}

const HOP_MS = 420;
const FAST_HOP_MS = 140;

/** The hops still to animate, played one after another in real time. */
function useHopPlayer(steps: WalkStep[], resetKey: unknown) {
  const [active, setActive] = useState<{ seq: number; hop: Hop; n: number } | undefined>();
  const queue = useRef<{ seq: number; hop: Hop }[]>([]);
  const played = useRef<number>(Number.POSITIVE_INFINITY);
  const counter = useRef(0);

  // A new cluster (reset, rewind, another lesson): what is already there is history, not news.
  useEffect(() => {
    played.current = steps.at(-1)?.seq ?? 0;
    queue.current = [];
    setActive(undefined);
  }, [resetKey]);

  useEffect(() => {
    for (const s of steps) {
      if (s.seq <= played.current) continue;
      for (const hop of s.hops) queue.current.push({ seq: s.seq, hop });
      played.current = s.seq;
    }
  }, [steps]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      const h = queue.current.shift();
      if (!h) {
        timer = setTimeout(next, 100);
        return;
      }
      counter.current++;
      setActive({ ...h, n: counter.current });
      timer = setTimeout(next, queue.current.length > 12 ? FAST_HOP_MS : HOP_MS);
    };
    next();
    return () => clearTimeout(timer);
  }, []);

  const replay = (from: WalkStep[]) => {
    queue.current = from.flatMap((s) => s.hops.map((hop) => ({ seq: s.seq, hop })));
  };
  return { active, replay };
}

function Dot({ from, to, n, reducedMotion }: { from: { x: number; y: number }; to: { x: number; y: number }; n: number; reducedMotion: boolean }) {
  const ref = useRef<SVGCircleElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || reducedMotion || typeof el.animate !== 'function') return undefined;
    const a = el.animate([{ transform: `translate(${from.x}px, ${from.y}px)` }, { transform: `translate(${to.x}px, ${to.y}px)` }], {
      duration: HOP_MS * 0.85,
      easing: 'ease-in-out',
      fill: 'forwards',
    });
    return () => a.cancel();
  }, [from, to, n, reducedMotion]);
  const at = reducedMotion ? to : from;
  return <circle ref={ref} className="cp-dot" r={7} style={{ transform: `translate(${at.x}px, ${at.y}px)` }} />;
}

export default function ControlPlaneWalk() {
  const t = walkStrings();
  const tick = useLab((s) => s.snapshot);
  const nodes = useLab((s) => s.snapshot.nodes.map((n) => n.name).join(' '));
  const reducedMotion = useReducedMotion();
  const [every, setEvery] = useState(false);
  const driver = currentDriver();
  const cluster = driver.cluster;

  const walk = useMemo(() => {
    void tick;
    return buildWalk(cluster.trace.since(0), (kind) => cluster.store.info(kind).plural, { every });
  }, [tick, cluster, every]);
  const { active, replay } = useHopPlayer(walk.steps, cluster);

  const boxes = useMemo(() => boxesFor(nodes ? nodes.split(' ') : []), [nodes]);
  const at = useMemo(() => place(boxes), [boxes]);
  // The components stopped now (their static pods down), as the cluster itself reports them.
  const down = new Set(cluster.trace.stopped?.() ?? []);

  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [walk.steps.length]);

  const activeTo = active?.hop.to;
  const activeFrom = active?.hop.from;
  const start = walk.root?.at ?? walk.steps[0]?.at ?? 0;

  return (
    <div className="cp-walk">
      <div className="cp-head">
        <p className="cp-following" aria-live="polite">
          {walk.root ? t('following', { kind: walk.root.kind, name: walk.root.name }) : every ? '' : t('nothing')}
        </p>
        <label className="cv-check" title={t('everyTitle')}>
          <input type="checkbox" checked={every} onChange={(e) => setEvery(e.target.checked)} />
          {t('every')}
        </label>
        <button type="button" className="text-btn" title={t('replayTitle')} disabled={walk.steps.length === 0} onClick={() => replay(walk.steps)}>
          {t('replay')}
        </button>
      </div>
      <svg className="cp-diagram" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('diagram')}>
        <rect className="cp-cpnode" x={6} y={54} width={W - 12} height={102} rx={10} />
        <text className="cp-cpnode-label" x={W - 14} y={148} textAnchor="end">
          controlplane · /etc/kubernetes/manifests
        </text>
        {boxes
          .filter((b) => b !== 'kube-apiserver')
          .map((b) => {
            const a = at.get('kube-apiserver')!;
            const p = at.get(b)!;
            const hot = (activeFrom === 'kube-apiserver' && activeTo === b) || (activeTo === 'kube-apiserver' && activeFrom === b);
            return <line key={b} className={`cp-edge${hot ? ' hot' : ''}`} x1={a.x} y1={a.y} x2={p.x} y2={p.y} />;
          })}
        {boxes.map((b) => {
          const p = at.get(b)!;
          const isDown = down.has(b);
          const bw = WIDE[b] ?? BOX_W;
          const cls = `cp-box${activeTo === b ? ' receiving' : ''}${activeFrom === b ? ' sending' : ''}${isDown ? ' down' : ''}`;
          return (
            <g key={b} className={cls} transform={`translate(${p.x - bw / 2}, ${p.y - BOX_H / 2})`}>
              {isDown && <title>{t('stoppedTitle')}</title>}
              <rect width={bw} height={BOX_H} rx={8} />
              <text x={bw / 2} y={b.startsWith('kubelet/') || isDown ? 16 : 24} textAnchor="middle">
                {label(b)}
              </text>
              {b.startsWith('kubelet/') && (
                <text className="cp-sub" x={bw / 2} y={31} textAnchor="middle">
                  {t('node', { name: b.slice('kubelet/'.length) })}
                </text>
              )}
              {isDown && (
                <text className="cp-sub" x={bw / 2} y={31} textAnchor="middle">
                  {t('stopped')}
                </text>
              )}
            </g>
          );
        })}
        {active && at.get(active.hop.from) && at.get(active.hop.to) && (
          <Dot key={active.n} from={at.get(active.hop.from)!} to={at.get(active.hop.to)!} n={active.n} reducedMotion={reducedMotion} />
        )}
      </svg>
      <h3 className="visually-hidden" id="cp-steps">
        {t('steps')}
      </h3>
      <ol className="cp-list" ref={list} aria-labelledby="cp-steps" tabIndex={0}>
        {walk.steps.map((s) => (
          <li key={s.seq} className={active?.seq === s.seq ? 'current' : undefined}>
            <button type="button" className="cp-step" onClick={() => replay([s])}>
              <span className="cp-at">{t('at', { s: ((s.at - start) / 1000).toFixed(3) })}</span>
              <span className="cp-what">
                <strong>{t('request', { writer: s.writer })}</strong>
                {': '}
                {s.kind === 'Event' ? t('event', { detail: s.detail ?? '', name: s.name }) : t(s.verb, { kind: s.kind, name: s.name, detail: s.detail ?? '' })}
              </span>
              <span className="cp-sub-line">{t('store', { op: s.type === 'DELETED' ? t('del') : t('put'), key: s.key })}</span>
              {s.hops.some((h) => h.kind === 'watch') && (
                <span className="cp-sub-line">
                  {t('watch', {
                    type: s.type,
                    to: s.hops
                      .filter((h) => h.kind === 'watch')
                      .map((h) => h.to)
                      .join(', '),
                  })}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
