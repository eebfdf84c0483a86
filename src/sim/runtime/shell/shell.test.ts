import { describe, expect, it } from 'vitest';
import { isKnownCommand, runArgv, runShell } from './index.ts';
import { parseScript } from './parser.ts';
import type { ShellOptions } from './types.ts';
import { drive, fakeProcess } from './testkit.ts';

function sh(script: string, opts: ShellOptions = {}, untilMs = Infinity) {
  const p = fakeProcess({ files: { '/etc/hosts': '127.0.0.1 localhost\n' } });
  const r = drive(runShell(script, p.ctx, opts), p.clock, untilMs);
  return { ...r, out: p.stdout(), err: p.stderr(), all: p.all(), p };
}

describe('syntax errors (busybox ash wording, exit 2)', () => {
  it.each([
    ['while true; do done', 'unexpected "done"'],
    ['if', 'unexpected end of file (expecting "then")'],
    ['if true; then echo x', 'unexpected end of file (expecting "fi")'],
    ['if true; then fi', 'unexpected "fi"'],
    ['if true; echo x; fi', 'unexpected "fi" (expecting "then")'],
    ['echo "abc', 'unterminated quoted string'],
    ["echo 'abc", 'unterminated quoted string'],
    ['echo a )', 'unexpected ")"'],
    ['echo a; done', 'unexpected "done"'],
    [';', 'unexpected ";"'],
    ['echo a && ;', 'unexpected ";"'],
    ['(echo a', 'unexpected end of file (expecting ")")'],
    ['echo $(echo a', 'unexpected end of file (expecting ")")'],
    ['echo `echo a', 'EOF in backquote substitution'],
    ['{ echo a', 'unexpected end of file (expecting "}")'],
    ['while true; echo; done', 'unexpected "done" (expecting "do")'],
    ['for 1 in a; do :; done', 'bad for loop variable'],
    ['echo ${', 'bad substitution'],
    ['case x in a) echo;; ', 'unexpected end of file (expecting ")")'],
    ['case x in a) echo', 'unexpected end of file (expecting ";;")'],
  ])('%j -> sh: syntax error: %s', (script, msg) => {
    const r = sh(script);
    expect(r.err).toBe(`sh: syntax error: ${msg}\n`);
    expect(r.status).toBe(2);
  });

  it('runs the lines before the bad one, as ash parses and runs line by line', () => {
    const r = sh('echo first\necho second; echo )');
    expect(r.all).toBe('first\nsh: syntax error: unexpected ")"\n');
    expect(r.status).toBe(2);
  });

  it('names the shell as invoked (arg0)', () => {
    const p = fakeProcess();
    const r = drive(runArgv(['/bin/sh', '-c', 'fi'], p.ctx), p.clock);
    expect(p.stderr()).toBe('/bin/sh: syntax error: unexpected "fi"\n');
    expect(r.status).toBe(2);
  });

  it('parses once: a loop body is the same tree every iteration', () => {
    const s = parseScript('while :; do echo a; sleep 1; done');
    expect(s.error).toBeNull();
    expect(s.chunks).toHaveLength(1);
    expect(s.chunks[0]!.k).toBe('loop');
  });
});

describe('commands and exit codes', () => {
  it.each([
    ['foo', 'sh: foo: not found\n', 127],
    ['/usr/bin/nope arg', 'sh: /usr/bin/nope: not found\n', 127],
    ['exit 3', '', 3],
    ['exit 300', '', 44],
    ['false', '', 1],
    ['true', '', 0],
    [':', '', 0],
    ['false; exit', '', 1],
    ['! true', '', 1],
    ['! false', '', 0],
    ['false || true', '', 0],
    ['true && false', '', 1],
    ['exit abc', 'sh: exit: line 1: Illegal number: abc\n', 2],
    ['cd /nope', "sh: cd: line 1: can't cd to /nope: No such file or directory\n", 2],
  ])('%j', (script, err, status) => {
    const r = sh(script);
    expect(r.err).toBe(err);
    expect(r.status).toBe(status);
  });

  it('$? holds the last status', () => {
    expect(sh('foo 2>/dev/null; echo $?; false; echo $?; true; echo $?').out).toBe('127\n1\n0\n');
  });

  it('/bin/sh -c reports unknown commands as /bin/sh', () => {
    const p = fakeProcess();
    drive(runArgv(['/bin/sh', '-c', 'curl http://x'], p.ctx), p.clock);
    expect(p.stderr()).toBe('/bin/sh: curl: not found\n');
  });

  it('exit inside a subshell ends only the subshell', () => {
    expect(sh('(exit 4); echo $?; (echo in; exit 0; echo no); echo out').out).toBe('4\nin\nout\n');
  });

  it('sh with no arguments reads an empty stdin and exits 0', () => {
    const p = fakeProcess();
    expect(drive(runArgv(['sh'], p.ctx), p.clock).status).toBe(0);
    expect(p.all()).toBe('');
  });

  it('runs applets by name or path, and image binaries from extraCommands', () => {
    const p = fakeProcess();
    const extra = new Map([
      [
        'nginx',
        function* (argv: string[], ctx: { stdout(s: string): void }) {
          ctx.stdout(`nginx ${argv.slice(1).join(' ')}\n`);
          yield { type: 'forever' as const };
          return 0;
        },
      ],
    ]);
    expect(drive(runArgv(['/bin/echo', 'hi'], p.ctx), p.clock).status).toBe(0);
    const r = drive(runArgv(['/usr/sbin/nginx', '-g', 'daemon off;'], p.ctx, { extraCommands: extra }), p.clock);
    expect(r.forever).toBe(true);
    expect(p.stdout()).toBe('hi\nnginx -g daemon off;\n');
  });

  it.each([
    ['sh', true],
    ['/bin/sh', true],
    ['echo', true],
    ['/bin/sleep', true],
    ['/usr/bin/wget', true],
    ['/opt/echo', false],
    ['nginx', false],
    ['curl', false],
  ])('isKnownCommand(%j) = %s', (name, known) => {
    expect(isKnownCommand(name)).toBe(known);
  });

  it('isKnownCommand sees extraCommands by name and by path', () => {
    const opts: ShellOptions = { extraCommands: new Map([['redis-cli', () => (function* () { return 0; })()]]) };
    expect(isKnownCommand('redis-cli', opts)).toBe(true);
    expect(isKnownCommand('/usr/local/bin/redis-cli', opts)).toBe(true);
  });

  it('set -e stops at the first failing command, but not in conditions', () => {
    const r = sh('set -e; if false; then :; fi; false || echo ok; false; echo never');
    expect(r.out).toBe('ok\n');
    expect(r.status).toBe(1);
  });

  // As dash and busybox ash: a failed redirection or an assignment whose command
  // substitution failed is a failed command too.
  it.each([
    ['set -e; x=$(false); echo never', 1],
    ['set -e; cat < /nonexistent; echo never', 2],
    ['set -e; x=1 >/nonexistent/x; echo never', 2],
    ['set -e; while true; do cat < /nonexistent; echo never; done', 2],
  ])('set -e also stops at %s', (script, status) => {
    const r = sh(script);
    expect(r.out).toBe('');
    expect(r.status).toBe(status);
  });
});

describe('quoting and expansion', () => {
  it.each([
    ['echo "a  b"  c', 'a  b c\n'],
    ["echo 'a  $x'", 'a  $x\n'],
    ['x=5; echo "$x" ${x} "${x}y" $xy.', '5 5 5y .\n'],
    ['echo a\\ b \\$x', 'a b $x\n'],
    ['echo "a\\"b" "\\$x" "\\q"', 'a"b $x \\q\n'],
    ['x="a   b  c"; echo $x; echo "$x"', 'a b c\na   b  c\n'],
    ['x="  lead"; for w in $x; do echo "[$w]"; done', '[lead]\n'],
    ['x=""; for w in $x; do echo "[$w]"; done; for w in "$x"; do echo "[$w]"; done', '[]\n'],
    ['echo ${u:-def} ${u-d2} ${e:-x} ${e-y}', 'def d2 x y\n'],
    ['e=; echo "${e:-x}" "[${e-y}]"', 'x []\n'],
    ['echo ${v:=set}; echo $v', 'set\nset\n'],
    ['x=1; echo ${x:+alt} ${u:+alt}.', 'alt .\n'],
    ['f=/a/b/c.txt; echo ${f##*/} ${f%.*} ${f#/a} ${#f}', 'c.txt /a/b/c /b/c.txt 10\n'],
    ['echo $(echo a; echo b) "$(echo a; echo b)"', 'a b a\nb\n'],
    ['echo `echo back`tick', 'backtick\n'],
    ['echo $(echo $(echo nested))', 'nested\n'],
    ['set -- a "b c" d; echo $#; for x in "$@"; do echo "[$x]"; done', '3\n[a]\n[b c]\n[d]\n'],
    ['set -- a b; echo "$*" $1 $2 ${3:-none}', 'a b a b none\n'],
    ['echo $$', '1\n'],
    ['echo ~ ~/x', '/root /root/x\n'],
    ['x=a; x=${x}b; echo $x', 'ab\n'],
    ['echo "$(printf "a\\n\\n\\n")"', 'a\n'],
    ['echo # comment', '\n'],
    ['echo a#b', 'a#b\n'],
  ])('%j', (script, out) => {
    const r = sh(script);
    expect(r.err).toBe('');
    expect(r.out).toBe(out);
  });

  it('globs unquoted patterns against the filesystem, keeps unmatched patterns literal', () => {
    const r = sh('touch /tmp/b.log /tmp/a.log /tmp/c.txt; echo /tmp/*.log; echo "/tmp/*.log"; echo /tmp/*.none');
    expect(r.out).toBe('/tmp/a.log /tmp/b.log\n/tmp/*.log\n/tmp/*.none\n');
  });

  it('${x:?msg} is fatal in a non-interactive shell', () => {
    const r = sh('echo ${NOPE:?is required}; echo after');
    expect(r.err).toBe('sh: NOPE: is required\n');
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('arithmetic', () => {
  it.each([
    ['echo $((1 + 2 * 3))', '7'],
    ['echo $(( (1 + 2) * 3 ))', '9'],
    ['echo $((7 / 2)) $((-7 / 2)) $((7 % 3)) $((2 ** 10))', '3 -3 1 1024'],
    ['i=1; i=$((i+1)); echo $i', '2'],
    ['i=5; echo $((i * 2)) $(($i * 2))', '10 10'],
    ['echo $((u + 1))', '1'],
    ['echo $((1 < 2)) $((2 == 3)) $((1 && 0)) $((0 || 3)) $((!0))', '1 0 0 1 1'],
    ['echo $((0x10 + 010))', '24'],
    ['x=3; echo $((x > 2 ? 10 : 20))', '10'],
    ['i=0; : $((i += 5)); : $((i++)); echo $i', '6'],
    ['echo $((1 << 4 | 1))', '17'],
  ])('%j', (script, out) => {
    expect(sh(script).out).toBe(`${out}\n`);
  });

  it('$RANDOM is ctx.random() % 32768', () => {
    const r = sh('echo $RANDOM $RANDOM');
    const nums = r.out.trim().split(' ').map(Number);
    expect(nums).toHaveLength(2);
    for (const n of nums) expect(n >= 0 && n < 32768).toBe(true);
  });

  it('division by zero is a fatal error', () => {
    const r = sh('echo $((1/0)); echo after');
    expect(r.err).toBe('sh: divide by zero\n');
    expect(r.status).toBe(2);
  });

  it('a syntax error in arithmetic is fatal', () => {
    const r = sh('echo $((1 +)); echo after');
    expect(r.err).toBe('sh: arithmetic syntax error\n');
    expect(r.status).toBe(2);
  });
});

describe('control flow', () => {
  it.each([
    ['for x in a b c; do echo $x; done', 'a\nb\nc\n'],
    ['i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done', '0\n1\n2\n'],
    ['i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n'],
    ['if false; then echo a; elif true; then echo b; else echo c; fi', 'b\n'],
    ['if false; then echo a; else echo c; fi', 'c\n'],
    ['for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done', '1\n2\n'],
    ['for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done', '1\n3\n'],
    ['for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done', '1a\n2a\n'],
    ['{ echo a; echo b; } | wc -l', '2\n'],
    ['case hello.txt in *.log) echo log;; *.txt) echo text;; esac', 'text\n'],
    ['case x in a|x) echo hit;; esac', 'hit\n'],
    ['f() { echo "f:$1:$#"; return 3; }; f a b; echo $?', 'f:a:2\n3\n'],
    ['g() { local v=in; echo $v; }; v=out; g; echo $v', 'in\nout\n'],
    ['echo a | { read x; echo "got $x"; }', 'got a\n'],
    ['printf "1\\n2\\n" | while read n; do echo "n=$n"; done', 'n=1\nn=2\n'],
    ['x=1; (x=2); echo $x', '1\n'],
    ['eval "echo evaluated"', 'evaluated\n'],
  ])('%j', (script, out) => {
    const r = sh(script);
    expect(r.err).toBe('');
    expect(r.out).toBe(out);
  });

  it('prefix assignments apply to one command only', () => {
    expect(sh('FOO=bar printenv FOO; echo "[$FOO]"').out).toBe('bar\n[]\n');
  });

  it('export puts variables into the environment of applets', () => {
    expect(sh('X=1; printenv X; export X; printenv X').out).toBe('1\n');
  });

  it('a background job runs beside the main flow on the virtual clock', () => {
    const r = sh('(sleep 1; echo bg) & echo fg; sleep 2; echo done');
    expect(r.out).toBe('fg\nbg\ndone\n');
    expect(r.sleptMs).toBe(2000);
    expect(r.status).toBe(0);
  });

  it('wait blocks until background jobs end', () => {
    const r = sh('sleep 5 & wait; echo after');
    expect(r.out).toBe('after\n');
    expect(r.sleptMs).toBe(5000);
  });

  it('an EXIT trap runs when the script ends', () => {
    expect(sh("trap 'echo bye' EXIT; echo hi").out).toBe('hi\nbye\n');
  });
});

describe('waiting and the step budget', () => {
  it.each([
    ['sleep 5', 5000],
    ['sleep 5s', 5000],
    ['sleep 1.5', 1500],
    ['sleep 2m', 120_000],
    ['sleep 1h', 3_600_000],
    ['sleep 1 2', 3000],
  ])('%s sleeps %i ms', (script, ms) => {
    const r = sh(script);
    expect(r.status).toBe(0);
    expect(r.sleptMs).toBe(ms);
  });

  it('sleep infinity blocks forever', () => {
    expect(sh('sleep infinity').forever).toBe(true);
  });

  it('a tight loop yields 1 ms after the step budget, so virtual time advances', () => {
    const r = sh('while true; do echo x; done', { maxStepsBeforeYield: 100 }, 3);
    expect(r.yields).toBe(3);
    expect(r.sleptMs).toBe(3);
    // Each slice of 100 commands is half `true`, half `echo x`.
    expect(r.out.length).toBeGreaterThanOrEqual(145 * 2);
    expect(r.out.length).toBeLessThanOrEqual(151 * 2);
  });

  it('the default budget is 100 commands per simulated millisecond', () => {
    const r = sh('i=0; while :; do i=$((i+1)); done', {}, 1);
    expect(r.yields).toBe(1);
    // 30 iterations of 3 commands stay under the budget; 40 do not.
    expect(sh('i=0; while :; do i=$((i+1)); [ $i -ge 30 ] && exit 7; done')).toMatchObject({ status: 7, yields: 0 });
    expect(sh('i=0; while :; do i=$((i+1)); [ $i -ge 40 ] && exit 7; done')).toMatchObject({ status: 7, yields: 1 });
  });

  it('sleeping resets the budget', () => {
    const r = sh('i=0; while [ $i -lt 3000 ]; do i=$((i+1)); [ $((i % 500)) = 0 ] && sleep 1; done; echo $i', { maxStepsBeforeYield: 2000 });
    expect(r.out).toBe('3000\n');
    expect(r.sleptMs).toBe(6000);
  });
});

describe('redirections', () => {
  it('> truncates, >> appends', () => {
    const r = sh('echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f; echo c > /tmp/f; cat /tmp/f');
    expect(r.out).toBe('a\nb\nc\n');
  });

  it.each([
    ['ls /nope 2>/dev/null; echo $?', '1\n', ''],
    ['ls /nope 2>&1', 'ls: /nope: No such file or directory\n', ''],
    ['ls /nope 2>/tmp/e; cat /tmp/e', 'ls: /nope: No such file or directory\n', ''],
    ['echo to-err >&2', '', 'to-err\n'],
    ['echo x 1>&2', '', 'x\n'],
    ['cat </dev/null; echo done', 'done\n', ''],
    ['echo hi >/dev/null', '', ''],
    ['{ echo a; echo b >&2; } 2>&1 >/dev/null', 'b\n', ''],
    ['cat < /etc/hosts', '127.0.0.1 localhost\n', ''],
    ['cat <<EOF\nhello $HOME\nEOF', 'hello /root\n', ''],
    ["cat <<'EOF'\nhello $HOME\nEOF", 'hello $HOME\n', ''],
    ['for i in 1 2; do echo $i; done > /tmp/loop; cat /tmp/loop', '1\n2\n', ''],
  ])('%j', (script, out, err) => {
    const r = sh(script);
    expect(r.out).toBe(out);
    expect(r.err).toBe(err);
  });

  it.each([
    ['echo x > /nope/dir/f', "sh: can't create /nope/dir/f: nonexistent directory\n"],
    ['echo x > /tmp', "sh: can't create /tmp: Is a directory\n"],
    ['cat < /nope', "sh: can't open /nope: no such file\n"],
  ])('%j fails with ash wording and status 2', (script, err) => {
    const r = sh(`${script}; echo $?`);
    expect(r.err).toBe(err);
    expect(r.out).toBe('2\n');
  });

  it('exec >file redirects the rest of the script', () => {
    const r = sh('exec >/tmp/log; echo one; echo two; cat /tmp/log >&2');
    expect(r.out).toBe('');
    expect(r.err).toBe('one\ntwo\n');
  });

  it('/proc/1/fd/1 is the container log even from inside a redirection', () => {
    const r = sh('{ echo to-log > /proc/1/fd/1; echo to-file; } > /tmp/x; cat /tmp/x');
    expect(r.out).toBe('to-log\nto-file\n');
  });

  it('pipes buffer each stage', () => {
    expect(sh('printf "b\\na\\nb\\n" | sort | uniq -c').out).toBe('      1 a\n      2 b\n');
    expect(sh('echo hello | grep -c l').out).toBe('1\n');
  });
});

describe('cost', () => {
  // Its speed is a bench figure (npm run bench), not a timing assertion that fails under load;
  // what a test can hold is that the loop costs one wait per iteration and nothing more.
  it('a sleep-2 loop runs a simulated hour as 1800 waits, one per iteration', () => {
    const p = fakeProcess();
    p.fs.mkdir('/var/log', true);
    const script = 'i=1;while :;do  echo -e "$i: Price: $((RANDOM % 10000 + 1))" >> /var/log/cart-app.log; i=$((i+1)); sleep 2; done';
    const r = drive(runShell(script, p.ctx), p.clock, 3_600_000);
    expect(r.yields).toBe(1800);
    expect(p.fs.readFile('/var/log/cart-app.log')?.split('\n').filter(Boolean)).toHaveLength(1800);
  });
});
