import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown, parseBlocks } from './markdown.tsx';

const html = (md: string) => renderToStaticMarkup(createElement(Markdown, { text: md, actions: {}, labels: { copy: 'Copy', open: 'Open', run: 'Run' } }));

describe('lesson markdown', () => {
  it.each([
    ['a paragraph joins its lines', 'one\ntwo', '<p>one two</p>'],
    ['inline code, bold, italics', 'run `kubectl get pods` **now**, *slowly*', '<p>run <code>kubectl get pods</code> <strong>now</strong>, <em>slowly</em></p>'],
    ['raw HTML is text', '<script>alert(1)</script> <img src=x onerror=alert(1)>', '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>'],
    ['only http(s) links become links', '[a](javascript:alert(1)) [b](https://kubernetes.io/)', '<p>[a](javascript:alert(1)) <a href="https://kubernetes.io/" target="_blank" rel="noopener noreferrer">b</a></p>'],
    ['lists', '- a\n- b', '<ul><li>a</li><li>b</li></ul>'],
    ['a step heading drops its id', '### Hint {#x}', '<h4>Hint</h4>'],
  ])('%s', (_n, md, want) => {
    expect(html(md)).toBe(want);
  });

  it('reads the lab info strings of code blocks', () => {
    expect(parseBlocks('```yaml file=pod.yaml\nkind: Pod\n```\n```sh run\nkubectl get pods\n```')).toEqual([
      { type: 'code', lang: 'yaml', file: 'pod.yaml', run: false, code: 'kind: Pod\n' },
      { type: 'code', lang: 'sh', file: undefined, run: true, code: 'kubectl get pods\n' },
    ]);
  });

  it('code is shown as text, whatever it holds', () => {
    expect(html('```\n<b>x</b>\n```')).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
