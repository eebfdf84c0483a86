import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, type SharedLab } from './share.ts';

const LAB: SharedLab = {
  seed: 4,
  startedAt: 600_000,
  now: 654_321,
  actions: [
    { at: 610_000, kind: 'line', channel: 'background', text: 'kubectl apply -f pod.yaml', files: { 'pod.yaml': 'kind: Pod\n' } },
    { at: 620_000, kind: 'interrupt' },
  ],
  files: [{ name: 'pod.yaml', text: 'kind: Pod\n# 한국어 주석 <script>alert(1)</script>\n' }],
  activeFile: 'pod.yaml',
};

describe('share links', () => {
  it('round-trip the lab exactly, text of any kind included', async () => {
    const link = await encodeShare(LAB);
    expect(link).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShare(link)).toEqual({ ok: true, lab: LAB });
  });

  it.each([
    ['empty', '', 'corrupt'],
    ['no version', 'abc', 'corrupt'],
    ['not base64url', '1.@@@', 'corrupt'],
    ['not deflate', '1.aGVsbG8', 'corrupt'],
    ['from a newer Kubelab', '2.aGVsbG8', 'newer'],
  ])('a link that is %s opens nothing and says so', async (_n, link, reason) => {
    expect(await decodeShare(link)).toEqual({ ok: false, reason });
  });

  it('a damaged payload is refused, not half-opened', async () => {
    const link = await encodeShare(LAB);
    const cut = link.slice(0, link.length - 12);
    expect((await decodeShare(cut)).ok).toBe(false);
  });

  it('actions that do not look like actions are refused', async () => {
    const bad = await encodeShare({ ...LAB, actions: [{ at: 'soon' } as unknown as SharedLab['actions'][number]] });
    expect(await decodeShare(bad)).toEqual({ ok: false, reason: 'corrupt' });
  });
});

describe('share links from a lesson page', () => {
  const LESSON_LAB: SharedLab = { ...LAB, lesson: { id: '05-init-containers', step: 'first-service', openedAt: 630_000 } };

  it('round-trip the lesson and its step with the lab', async () => {
    const link = await encodeShare(LESSON_LAB);
    expect(link).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShare(link)).toEqual({ ok: true, lab: LESSON_LAB });
  });

  it('a lab link carries no lesson', async () => {
    const r = await decodeShare(await encodeShare(LAB));
    expect(r.ok && 'lesson' in r.lab).toBe(false);
  });

  it.each([
    ['null', null],
    ['a string', '05-init-containers'],
    ['without a step', { id: '05-init-containers', openedAt: 0 }],
    ['with a path for an id', { id: '../05-init-containers', step: 'first-service', openedAt: 0 }],
    ['with markup for a step', { id: '05-init-containers', step: '<b>x</b>', openedAt: 0 }],
    ['with a time that is not a number', { id: '05-init-containers', step: 'first-service', openedAt: '630000' }],
    ['with a negative time', { id: '05-init-containers', step: 'first-service', openedAt: -1 }],
  ])('a lesson that is %s is refused, not dropped', async (_n, lesson) => {
    const bad = await encodeShare({ ...LAB, lesson: lesson as unknown as SharedLab['lesson'] & object });
    expect(await decodeShare(bad)).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('a damaged lesson link is refused, not half-opened', async () => {
    const link = await encodeShare(LESSON_LAB);
    expect((await decodeShare(link.slice(0, -8))).ok).toBe(false);
  });
});
