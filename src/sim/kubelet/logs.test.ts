import { describe, expect, it } from 'vitest';
import { LOG_MAX_BYTES, LogBuffer } from './logs.ts';

describe('LogBuffer', () => {
  it('keeps whole lines with their stream and time, and joins partial writes', () => {
    const b = new LogBuffer();
    b.write('stdout', 'one\n', 1);
    b.write('stderr', 'tw', 2);
    b.write('stderr', 'o\nthr', 3);
    b.flush(4);
    expect(b.lines).toEqual([
      { t: 1, stream: 'stdout', text: 'one' },
      { t: 3, stream: 'stderr', text: 'two' },
      { t: 4, stream: 'stderr', text: 'thr' },
    ]);
    expect(b.last(2).map((l) => l.text)).toEqual(['two', 'thr']);
    expect(b.last(0)).toEqual([]);
    expect(b.last(10)).toHaveLength(3);
    expect(b.written).toBe(3);
  });

  it('gives the same lines array until the next write', () => {
    const b = new LogBuffer();
    b.write('stdout', 'a\n', 1);
    const first = b.lines;
    expect(b.lines).toBe(first);
    b.write('stdout', 'b\n', 2);
    expect(b.lines).not.toBe(first);
    expect(b.lines).toHaveLength(2);
  });

  it('rotates the oldest lines out past the cap and still counts every line written', () => {
    const b = new LogBuffer();
    const line = 'x'.repeat(1023);
    const n = Math.ceil((LOG_MAX_BYTES * 2) / 1024);
    for (let i = 0; i < n; i++) b.write(i % 2 ? 'stderr' : 'stdout', `${line}\n`, i);
    expect(b.written).toBe(n);
    expect(b.length).toBeLessThanOrEqual(LOG_MAX_BYTES / 1024);
    const last = b.last(1)[0]!;
    expect(last.t).toBe(n - 1);
    expect(last.stream).toBe((n - 1) % 2 ? 'stderr' : 'stdout');
  });

  it('takes a whole line as it is, after any partial line is ended', () => {
    const b = new LogBuffer();
    b.line('stdout', '10.244.1.1 - - [05/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615', 1);
    b.write('stdout', 'half', 2);
    b.line('stdout', ' and the rest', 3);
    b.line('stderr', 'err', 4);
    expect(b.lines.map((l) => [l.t, l.stream, l.text])).toEqual([
      [1, 'stdout', '10.244.1.1 - - [05/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615'],
      [3, 'stdout', 'half and the rest'],
      [4, 'stderr', 'err'],
    ]);
  });
});

