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

export class LogBuffer {
  lines: LogLine[] = [];
  private bytes = 0;
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  /** Total lines ever written, so followers can resume after rotation. */
  written = 0;

  write(stream: 'stdout' | 'stderr', text: string, t: number): void {
    // The common case: one whole line (a log line, an echo); no need to split.
    const nl = text.indexOf('\n');
    if (nl >= 0 && nl === text.length - 1 && this.partial[stream] === '') {
      this.push({ t, stream, text: text.slice(0, -1) });
      return;
    }
    const buf = this.partial[stream] + text;
    const parts = buf.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const p of parts) this.push({ t, stream, text: p });
  }

  /** Flush a last line without a newline (when the container exits). */
  flush(t: number): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) {
        this.push({ t, stream: s, text: this.partial[s] });
        this.partial[s] = '';
      }
    }
  }

  private push(l: LogLine): void {
    this.lines.push(l);
    this.written++;
    this.bytes += l.text.length + 1;
    if (this.bytes <= LOG_MAX_BYTES) return;
    // Rotate: drop the oldest lines in one splice (shift() per line is O(n) each).
    let drop = 0;
    while (this.bytes > LOG_MAX_BYTES * 0.9 && drop < this.lines.length - 1) {
      this.bytes -= this.lines[drop]!.text.length + 1;
      drop++;
    }
    this.lines.splice(0, drop);
  }
}
