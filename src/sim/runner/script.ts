// Splitting a runner script into commands: one line each, with `\` continuations joined, a
// quoted string left open continued on the next lines (a multi-line `kubectl patch -p '...'`),
// and heredoc bodies (<<EOF, <<'EOF', <<-EOF) attached to the line that opens them.

export interface ScriptCommand {
  /** The command line as typed (continuations joined). */
  line: string;
  /** The lines as they appeared, for the transcript. */
  raw: string[];
  /** Heredoc body, when the line has one. */
  heredoc?: string;
  /** 1-based line number in the script. */
  lineNo: number;
}

const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

export function splitScript(text: string): ScriptCommand[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: ScriptCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i]!;
    const raw = [line];
    while (line.endsWith('\\') && i + 1 < lines.length) {
      i++;
      raw.push(lines[i]!);
      line = line.slice(0, -1) + lines[i]!;
    }
    while (openQuote(line) && i + 1 < lines.length) {
      i++;
      raw.push(lines[i]!);
      line = line + '\n' + lines[i]!;
    }
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const m = HEREDOC.exec(line);
    if (m && !inQuotes(line, m.index)) {
      const strip = m[1] === '-';
      const delim = m[3]!;
      const body: string[] = [];
      let closed = false;
      while (i + 1 < lines.length) {
        i++;
        const l = lines[i]!;
        raw.push(l);
        const cmp = strip ? l.replace(/^\t+/, '') : l;
        if (cmp === delim) {
          closed = true;
          break;
        }
        body.push(strip ? l.replace(/^\t+/, '') : l);
      }
      void closed;
      out.push({ line, raw, heredoc: body.join('\n') + (body.length ? '\n' : ''), lineNo });
      continue;
    }
    out.push({ line, raw, lineNo });
  }
  return out;
}

/** Does the line end inside a quoted string (ignoring a trailing `# comment`)? */
function openQuote(line: string): boolean {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === q) q = undefined;
      else if (q === '"' && ch === '\\') i++;
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === '\\') i++;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return false;
  }
  return q !== undefined;
}

function inQuotes(line: string, idx: number): boolean {
  let q: string | undefined;
  for (let i = 0; i < idx; i++) {
    const ch = line[i];
    if (q) {
      if (ch === q) q = undefined;
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === '\\') i++;
  }
  return q !== undefined;
}

/**
 * Shell words for a command line run outside any container (kubectl, sleep, ssh): quotes,
 * backslashes and $VAR / ${VAR} expansion. Returns the words and the rest after an unquoted
 * `|` (a pipeline into host tools such as grep or tail).
 */
export function words(line: string, vars: (name: string) => string | undefined): { argv: string[]; pipe?: string; error?: string } {
  const argv: string[] = [];
  let cur = '';
  let has = false;
  let i = 0;
  const expand = (): void => {
    // at '$'
    const rest = line.slice(i + 1);
    let m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
    if (!m) m = /^([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(rest);
    if (m) {
      cur += vars(m[1]!) ?? '';
      has = true;
      i += m[0].length + 1;
    } else {
      cur += '$';
      has = true;
      i++;
    }
  };
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { argv, error: 'unterminated quoted string' };
      cur += line.slice(i + 1, end);
      has = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      has = true;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
          cur += line[i + 1];
          i += 2;
        } else if (line[i] === '$') expand();
        else cur += line[i++];
      }
      if (line[i] !== '"') return { argv, error: 'unterminated quoted string' };
      i++;
    } else if (ch === '\\') {
      cur += line[i + 1] ?? '';
      has = true;
      i += 2;
    } else if (ch === '$') {
      expand();
    } else if (ch === '|' && line[i + 1] !== '|') {
      if (has) argv.push(cur);
      return { argv, pipe: line.slice(i + 1).trim() };
    } else if (ch === '#' && !has && cur === '') {
      break;
    } else if (ch === '<' && line[i + 1] === '<') {
      // The heredoc operator and its delimiter are not arguments.
      const m = HEREDOC.exec(line.slice(i));
      i += m ? m[0].length : 2;
    } else if (/\s/.test(ch)) {
      if (has) argv.push(cur);
      cur = '';
      has = false;
      i++;
    } else {
      cur += ch;
      has = true;
      i++;
    }
  }
  if (has) argv.push(cur);
  return { argv };
}
