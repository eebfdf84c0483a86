// A container's log as the kubelet keeps it: timestamped lines from stdout/stderr, capped
// like the kubelet's containerLogMaxSize rotation (oldest lines go first).

export interface LogLine {
  /** Simulated wall time, ms. */
  t: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * The kubelet rotates at 10 MiB (containerLogMaxSize); a browser tab holding fifty busy
 * containers for a day cannot, so each keeps its last 256 KiB (a few thousand lines, far more
 * than a lesson reads). The soak in `npm run bench` shows the heap this bounds.
 */
export const LOG_MAX_BYTES = 256 * 1024;

/**
 * The lines are kept in columns (times, streams, texts) rather than as an object each: a
 * busy server logs every probe, and an object per line, kept for hours, was a large part of
 * the garbage collector's work in a simulated hour. Readers get objects made on demand.
 */
export class LogBuffer {
  private times: number[] = [];
  /** 0 stdout, 1 stderr. */
  private streams: number[] = [];
  private texts: string[] = [];
  private view: LogLine[] | undefined;
  private bytes = 0;
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  /** Total lines ever written, so followers can resume after rotation. */
  written = 0;

  /** Every line kept, oldest first; the same array until the next write. */
  get lines(): readonly LogLine[] {
    return (this.view ??= this.last(this.texts.length));
  }

  /** The last n lines kept (all of them when fewer), oldest first. */
  last(n: number): LogLine[] {
    const out: LogLine[] = [];
    for (let i = Math.max(0, this.texts.length - Math.max(0, n)); i < this.texts.length; i++) {
      out.push({ t: this.times[i]!, stream: this.streams[i] ? 'stderr' : 'stdout', text: this.texts[i]! });
    }
    return out;
  }

  /** Lines kept. */
  get length(): number {
    return this.texts.length;
  }

  write(stream: 'stdout' | 'stderr', text: string, t: number): void {
    // The common case: one whole line (a log line, an echo); no need to split.
    const nl = text.indexOf('\n');
    if (nl >= 0 && nl === text.length - 1 && this.partial[stream] === '') {
      this.push(t, stream, text.slice(0, -1));
      return;
    }
    const buf = this.partial[stream] + text;
    const parts = buf.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const p of parts) this.push(t, stream, p);
  }

  /**
   * One whole line, given without its newline (the caller's word for it: the text is kept as
   * it is, not searched, since searching a string built from pieces copies it into one).
   */
  line(stream: 'stdout' | 'stderr', text: string, t: number): void {
    if (this.partial[stream] !== '') this.write(stream, text + '\n', t);
    else this.push(t, stream, text);
  }

  /** Flush a last line without a newline (when the container exits). */
  flush(t: number): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) {
        this.push(t, s, this.partial[s]);
        this.partial[s] = '';
      }
    }
  }

  private push(t: number, stream: 'stdout' | 'stderr', text: string): void {
    this.times.push(t);
    this.streams.push(stream === 'stderr' ? 1 : 0);
    this.texts.push(text);
    this.view = undefined;
    this.written++;
    this.bytes += text.length + 1;
    if (this.bytes <= LOG_MAX_BYTES) return;
    // Rotate: drop the oldest lines in one splice (shift() per line is O(n) each).
    let drop = 0;
    while (this.bytes > LOG_MAX_BYTES * 0.9 && drop < this.texts.length - 1) {
      this.bytes -= this.texts[drop]!.length + 1;
      drop++;
    }
    this.times.splice(0, drop);
    this.streams.splice(0, drop);
    this.texts.splice(0, drop);
  }
}
