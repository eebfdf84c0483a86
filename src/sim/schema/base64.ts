// Where Go's base64.StdEncoding.Decode gives up, so Secret.data errors read like the API
// server's: `illegal base64 data at input byte 4`. Offsets count UTF-8 bytes, as in Go.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const PAD = 0x3d; // '='
const LF = 0x0a;
const CR = 0x0d;

/** The offset Go reports as CorruptInputError, or undefined when the text decodes. */
export function base64ErrorOffset(text: string): number | undefined {
  const src = new TextEncoder().encode(text);
  let si = 0;
  while (si < src.length) {
    const step = decodeQuantum(src, si);
    if (step.error !== undefined) return step.error;
    si = step.next;
  }
  return undefined;
}

// One 4-character quantum of encoding/base64 decodeQuantum (padding required, newlines skipped).
function decodeQuantum(src: Uint8Array, start: number): { next: number; error?: number } {
  let si = start;
  for (let j = 0; j < 4; j++) {
    if (si === src.length) {
      if (j === 0) return { next: si };
      return { next: si, error: si - j };
    }
    const input = src[si] ?? 0;
    si++;
    if ((DECODE[input] ?? -1) >= 0) continue;
    if (input === LF || input === CR) {
      j--;
      continue;
    }
    if (input !== PAD) return { next: si, error: si - 1 };
    // Padding: only legal as the third or fourth character of a quantum.
    if (j === 0 || j === 1) return { next: si, error: si - 1 };
    if (j === 2) {
      while (si < src.length && (src[si] === LF || src[si] === CR)) si++;
      if (si === src.length) return { next: si, error: src.length };
      if (src[si] !== PAD) return { next: si, error: si - 1 };
      si++;
    }
    while (si < src.length && (src[si] === LF || src[si] === CR)) si++;
    if (si < src.length) return { next: si, error: si };
    return { next: si };
  }
  return { next: si };
}

export function base64ErrorMessage(offset: number): string {
  return `illegal base64 data at input byte ${offset}`;
}
