// Share links: the lab (seed, recorded actions, moment in time, workspace files) compressed
// into the URL, so an instructor's link opens the same cluster anywhere; shared from a lesson
// page, also the lesson and the step it is on. A link is data only:
// every field is checked on the way in, and a link that is damaged or from a newer Kubelab
// opens nothing and says which.

import type { Action } from '../sim/runner/driver.ts';
import { parseSaved, type SavedLab } from './persist.ts';

export const SHARE_VERSION = 1;
/** Links longer than this are refused when made (browsers and chat apps cut long URLs). */
export const MAX_LINK_CHARS = 60_000;

export interface SharedLab {
  seed: number;
  startedAt: number;
  now: number;
  actions: Action[];
  files: SavedLab['files'];
  activeFile: string;
  /** Shared from a lesson page: which lesson, which step (by id), and when that step opened. */
  lesson?: SharedLesson;
}

export interface SharedLesson {
  /** The lesson's folder name, e.g. `05-init-containers`. */
  id: string;
  /** The step's id, e.g. `first-service`. */
  step: string;
  /** Simulated ms when the step opened: its `ran:` checks look at lines after it. */
  openedAt: number;
}

export type ShareResult = { ok: true; lab: SharedLab } | { ok: false; reason: 'corrupt' | 'newer' };

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** `1.<deflated JSON, base64url>` */
export async function encodeShare(lab: SharedLab): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(lab));
  return `${SHARE_VERSION}.${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

export async function decodeShare(payload: string): Promise<ShareResult> {
  const m = /^(\d+)\.([A-Za-z0-9_-]+)$/.exec(payload.trim());
  if (!m) return { ok: false, reason: 'corrupt' };
  if (Number(m[1]) > SHARE_VERSION) return { ok: false, reason: 'newer' };
  if (Number(m[1]) !== SHARE_VERSION) return { ok: false, reason: 'corrupt' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(m[2]!), new DecompressionStream('deflate-raw')));
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  // The stored-lab parser already checks every field; a link is checked the same way.
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { actions?: unknown }).actions)) return { ok: false, reason: 'corrupt' };
  const saved = parseSaved(JSON.stringify({ version: 1, lang: 'en', theme: 'light', history: [], scrollback: '', collapsed: {}, ...(raw as object) }));
  if (!saved || saved.actions.length !== (raw as { actions: unknown[] }).actions.length) return { ok: false, reason: 'corrupt' };
  const lab: SharedLab = { seed: saved.seed, startedAt: saved.startedAt, now: saved.now, actions: saved.actions, files: saved.files, activeFile: saved.activeFile };
  const lesson = (raw as { lesson?: unknown }).lesson;
  if (lesson === undefined) return { ok: true, lab };
  // A lesson that is there but malformed is a damaged link, not a lab without its lesson.
  if (!validLesson(lesson)) return { ok: false, reason: 'corrupt' };
  return { ok: true, lab: { ...lab, lesson: { id: lesson.id, step: lesson.step, openedAt: lesson.openedAt } } };
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

function validLesson(v: unknown): v is SharedLesson {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o['id'] === 'string' && ID.test(o['id']) && typeof o['step'] === 'string' && ID.test(o['step']) && typeof o['openedAt'] === 'number' && Number.isFinite(o['openedAt']) && o['openedAt'] >= 0;
}
