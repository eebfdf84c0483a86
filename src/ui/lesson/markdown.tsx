// A small Markdown renderer for lesson text that builds React elements, never HTML strings:
// raw HTML in a lesson shows as text, so nothing in a lesson (or a share link) can run. It
// covers what lessons use: paragraphs, headings, lists, block quotes, fenced code (with the
// lab's `yaml file=NAME` and `sh run` info strings), inline code, bold, italics and links.

import type { ReactNode } from 'react';

export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'quote'; text: string }
  | { type: 'code'; lang: string; file: string | undefined; run: boolean; code: string };

/** Split Markdown into blocks. Pure; unknown syntax stays text. */
export function parseBlocks(md: string): Block[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^(`{3,}|~{3,})\s*(.*)$/.exec(line);
    if (fence) {
      const info = fence[2]!.trim().split(/\s+/);
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      const file = info.find((w) => w.startsWith('file='))?.slice(5);
      out.push({ type: 'code', lang: info[0] ?? '', file, run: info.includes('run'), code: body.join('\n') + '\n' });
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*(\{#[\w-]+\})?\s*$/.exec(line);
    if (h) {
      out.push({ type: 'heading', level: h[1]!.length, text: h[2]! });
      i++;
      continue;
    }
    if (/^\s*([-*]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (i < lines.length && /^\s*([-*]|\d+[.)])\s+/.test(lines[i]!)) {
        let item = lines[i]!.replace(/^\s*([-*]|\d+[.)])\s+/, '');
        i++;
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]!) && !/^\s*([-*]|\d+[.)])\s+/.test(lines[i]!)) item += ' ' + lines[i++]!.trim();
        items.push(item);
      }
      out.push({ type: 'list', ordered, items });
      continue;
    }
    if (line.startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>')) body.push(lines[i++]!.replace(/^>\s?/, ''));
      out.push({ type: 'quote', text: body.join(' ') });
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|`{3,}|~{3,}|>|\s*([-*]|\d+[.)])\s+)/.test(lines[i]!)) para.push(lines[i++]!.trim());
    out.push({ type: 'paragraph', text: para.join(' ') });
  }
  return out;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/g;

/** Inline Markdown to React nodes: code, bold, italics and http(s) links; the rest is text. */
export function inline(text: string, keyPrefix = ''): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const tok = m[0];
    const key = `${keyPrefix}${n++}`;
    if (m[1]) out.push(<code key={key}>{tok.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={key}>{inline(tok.slice(2, -2), key)}</strong>);
    else if (m[3]) out.push(<em key={key}>{inline(tok.slice(1, -1), key)}</em>);
    else {
      const [, label = '', href = ''] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(tok) ?? [];
      if (/^https?:\/\//.test(href)) {
        out.push(
          <a key={key} href={href} target="_blank" rel="noopener noreferrer">
            {inline(label, key)}
          </a>,
        );
      } else out.push(tok);
    }
    last = m.index + tok.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export interface CodeActions {
  openInEditor?(file: string, code: string): void;
  runInTerminal?(code: string): void;
  copy?(code: string): void;
}

export function Markdown({ text, actions, labels }: { text: string; actions: CodeActions; labels: { copy: string; open: string; run: string } }) {
  const blocks = parseBlocks(text);
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.type) {
          case 'heading': {
            const Tag = (`h${Math.min(6, b.level + 1)}` as 'h3');
            return <Tag key={i}>{inline(b.text)}</Tag>;
          }
          case 'paragraph':
            return <p key={i}>{inline(b.text)}</p>;
          case 'quote':
            return <blockquote key={i}>{inline(b.text)}</blockquote>;
          case 'list': {
            const Tag = b.ordered ? 'ol' : 'ul';
            return (
              <Tag key={i}>
                {b.items.map((it, j) => (
                  <li key={j}>{inline(it)}</li>
                ))}
              </Tag>
            );
          }
          case 'code':
            return (
              <div key={i} className="md-code">
                <div className="md-code-bar">
                  <span className="md-code-label">{b.file ?? b.lang}</span>
                  {actions.copy && (
                    <button type="button" className="text-btn" onClick={() => actions.copy?.(b.code)}>
                      {labels.copy}
                    </button>
                  )}
                  {b.file && actions.openInEditor && (
                    <button type="button" className="text-btn" onClick={() => actions.openInEditor?.(b.file!, b.code)}>
                      {labels.open}
                    </button>
                  )}
                  {b.run && actions.runInTerminal && (
                    <button type="button" className="text-btn" onClick={() => actions.runInTerminal?.(b.code)}>
                      {labels.run}
                    </button>
                  )}
                </div>
                {/* Focusable: a long line scrolls sideways, and keyboard users must reach it. */}
                <pre tabIndex={0} aria-label={b.file || b.lang || undefined}>
                  <code>{b.code}</code>
                </pre>
              </div>
            );
        }
      })}
    </>
  );
}
