// busybox awk: the applet is called directly (it is registered in applets/index.ts elsewhere).
import { describe, expect, it } from 'vitest';
import { Stdin } from '../io.ts';
import { fakeProcess } from '../testkit.ts';
import { awk } from './awk.ts';

interface Run {
  status: number;
  out: string;
  err: string;
  file: (path: string) => string | undefined;
}

function run(args: string[], opts: { stdin?: string; files?: Record<string, string>; cwd?: string } = {}): Run {
  const p = fakeProcess({ files: opts.files ?? {} });
  if (opts.cwd) p.ctx.cwd = opts.cwd;
  const r = awk(['awk', ...args], { ctx: p.ctx, stdin: new Stdin(opts.stdin ?? ''), version: '1.36', spawn: () => 127 });
  if (typeof r !== 'number') throw new Error('awk must not wait');
  const file = (path: string): string | undefined => {
    const n = p.fs.stat(path);
    return n?.kind === 'file' ? n.content : undefined;
  };
  return { status: r, out: p.stdout(), err: p.stderr(), file };
}

/** Program on stdin; returns stdout, failing on anything on stderr. */
function out(prog: string, stdin = ''): string {
  const r = run([prog], { stdin });
  expect(r.err).toBe('');
  return r.out;
}

const sortLines = (s: string): string => s.split('\n').filter(Boolean).sort().join('\n');

const PODS = [
  'NAME                     READY   STATUS             RESTARTS   AGE',
  'web-7d4b9c6f8-abcde      1/1     Running            0          5m',
  'web-7d4b9c6f8-fghij      1/1     Running            0          5m',
  'db-0                     0/1     CrashLoopBackOff   7          12m',
  'worker-5f6d7c8b9-klmno   0/1     Pending            0          1m',
  '',
].join('\n');

describe('awk: fields', () => {
  it.each([
    ['{print $1}', 'a b c\n', 'a\n'],
    ['{print $2}', '  lead   and trail  \n', 'and\n'],
    ['{print $NF}', 'a b c\nx y\n', 'c\ny\n'],
    ['{print $(NF-1)}', 'a b c\n', 'b\n'],
    ['{print $NF-1}', '5 10\n', '9\n'],
    ['{print NF}', '  a \t b  \n\nc\n', '2\n0\n1\n'],
    ['{print}', 'a  b\n', 'a  b\n'],
    ['{print $0}', 'x\ty\n', 'x\ty\n'],
    ['{print $5 "|"}', 'a b\n', '|\n'],
    ['{print $1, $3}', 'a b c\n', 'a c\n'],
    ['{print $1 $3}', 'a b c\n', 'ac\n'],
    ['{i = 2; print $i}', 'a b c\n', 'b\n'],
    ['{print $1}', 'last line without newline', 'last\n'],
  ])('%s on %j', (prog, input, expected) => {
    expect(out(prog, input)).toBe(expected);
  });

  it.each([
    [':', 'root:x:0:0:root:/root:/bin/sh\n', '{print $1, $7}', 'root /bin/sh\n'],
    [',', 'a,,c\n', '{print NF, $3}', '3 c\n'],
    ['[:,]', 'a:b,c\n', '{print $3}', 'c\n'],
    [', *', 'a,   b,c\n', '{print $2 "-" $3}', 'b-c\n'],
    ['\\t', 'a b\tc d\n', '{print $2}', 'c d\n'],
    ['|', 'a|b|c\n', '{print $2}', 'b\n'],
    ['.', 'a.b\n', '{print $2}', 'b\n'],
  ])('-F %j splits %j', (fs, input, prog, expected) => {
    const r = run(['-F', fs, prog], { stdin: input });
    expect(r.out).toBe(expected);
    expect(r.status).toBe(0);
  });

  it('takes -F glued to its value and FS set in BEGIN', () => {
    expect(run(['-F:', '{print $2}'], { stdin: 'a:b\n' }).out).toBe('b\n');
    expect(out('BEGIN { FS = "," } {print $2}', 'a,b\n')).toBe('b\n');
  });

  it('assigning a field rebuilds $0 with OFS; assigning $0 splits again', () => {
    expect(out('BEGIN { OFS = "-" } {$2 = "X"; print}', 'a b c\n')).toBe('a-X-c\n');
    expect(out('BEGIN { OFS = "," } {$1 = $1; print}', 'a   b c\n')).toBe('a,b,c\n');
    expect(out('{$5 = "e"; print; print NF}', 'a b c\n')).toBe('a b c  e\n5\n');
    expect(out('{NF = 2; print}', 'a b c d\n')).toBe('a b\n');
    expect(out('{$0 = "x y z"; print $2, NF}', 'a\n')).toBe('y 3\n');
    expect(out('{$3 = ""; print; print NF}', 'a b c\n')).toBe('a b \n3\n');
    expect(out('{ $2 = $2 * 2 } 1', 'a 21\n')).toBe('a 42\n');
  });
});

describe('awk: variables, BEGIN and END', () => {
  it('-v assigns before BEGIN, with escapes', () => {
    expect(run(['-v', 'n=5', 'BEGIN { print n + 1 }']).out).toBe('6\n');
    expect(run(['-v', 's=a\\tb', 'BEGIN { print s }']).out).toBe('a\tb\n');
    expect(run(['-vx=3', '-v', 'y=4', 'BEGIN { print x * y }']).out).toBe('12\n');
  });

  it('VAR=VAL operands assign when they are reached, between files', () => {
    const r = run(['{print x, $0}', 'x=1', '/a', 'x=2', '/b'], { files: { '/a': 'A\n', '/b': 'B\n' } });
    expect(r.out).toBe('1 A\n2 B\n');
  });

  it('sums and averages in END', () => {
    const input = 'alice 10\nbob 20\ncarol 45\n';
    expect(out('{ s += $2 } END { print s, s / NR }', input)).toBe('75 25\n');
    expect(out('{ s += $2 } END { printf "avg %.2f\\n", s / NR }', 'a 1\nb 2\n')).toBe('avg 1.50\n');
    expect(out('END { print NR }', 'a\nb\nc\n')).toBe('3\n');
    expect(out('BEGIN { print "start" } END { print "end" }', 'x\n')).toBe('start\nend\n');
  });

  it('NR counts across files, FNR restarts per file, FILENAME names it', () => {
    const r = run(['FNR == 1 { print "==", FILENAME } { print NR, FNR, $0 }', '/a', '/b'], { files: { '/a': 'a1\na2\n', '/b': 'b1\n' } });
    expect(r.out).toBe('== /a\n1 1 a1\n2 2 a2\n== /b\n3 1 b1\n');
  });

  it('joins two files with NR == FNR', () => {
    const r = run(['NR == FNR { ip[$1] = $2; next } $1 in ip { print $0, ip[$1] }', '/ips', '/pods'], {
      files: { '/ips': 'web 10.0.0.1\ndb 10.0.0.2\n', '/pods': 'db Running\ncache Pending\nweb Running\n' },
    });
    expect(r.out).toBe('db Running 10.0.0.2\nweb Running 10.0.0.1\n');
  });

  it('reads the program from -f and from -e', () => {
    const r = run(['-f', '/tmp/prog.awk', '/data'], { files: { '/tmp/prog.awk': '# count\n{ n++ }\nEND { print n }\n', '/data': 'a\nb\n' } });
    expect(r.out).toBe('2\n');
    expect(run(['-e', 'BEGIN { print "e" }']).out).toBe('e\n');
  });

  it('sees ENVIRON and ARGV', () => {
    const r = run(['BEGIN { print ENVIRON["HOSTNAME"], ARGC, ARGV[0], ARGV[1] }', 'x']);
    expect(r.out).toBe('pod-1 2 awk x\n');
  });
});

describe('awk: patterns', () => {
  const input = 'alpha 1\nbeta 20\nstart 3\ngamma 4\nend 5\ndelta 60\n';
  it.each([
    ['/a 2|lta/', 'beta 20\ndelta 60\n'],
    ['!/a/', 'end 5\n'],
    ['$2 > 10', 'beta 20\ndelta 60\n'],
    ['$2 >= 4 && $2 < 60', 'beta 20\ngamma 4\nend 5\n'],
    ['/start/, /end/', 'start 3\ngamma 4\nend 5\n'],
    ['NR == 2, NR == 3 { print NR }', '2\n3\n'],
    ['NR % 2', 'alpha 1\nstart 3\nend 5\n'],
    ['$1 ~ /^[de]/', 'end 5\ndelta 60\n'],
    ['$1 !~ "a"', 'end 5\n'],
    ['$1 == "gamma" { print $2 }', '4\n'],
    ['/^b/ || /^g/', 'beta 20\ngamma 4\n'],
    ['length($1) == 4', 'beta 20\n'],
    ['END { print $0 }', 'delta 60\n'],
  ])('%s', (prog, expected) => {
    expect(out(prog, input)).toBe(expected);
  });

  it('deduplicates with !seen[$0]++', () => {
    expect(out('!seen[$0]++', 'a\nb\na\nc\nb\n')).toBe('a\nb\nc\n');
  });

  it('a range that starts and ends on one line covers only that line', () => {
    expect(out('/x/, /x/', 'a\nx\nb\n')).toBe('x\n');
  });
});

describe('awk: strings and numbers', () => {
  it.each([
    ['{ print ($1 > $2) }', '10 9\n', '1\n'],
    ['{ print ($1 == 10.0) }', '10\n', '1\n'],
    ['{ print ($1 == "10.0") }', '10\n', '0\n'],
    ['{ print ($1 == $2) }', '1e2 100\n', '1\n'],
    ['{ print ($1 < $2) }', 'abc abd\n', '1\n'],
    ['{ print ($1 == 0) }', 'zero\n', '0\n'],
    ['{ print ($3 == 0), ($3 == "") }', 'a b\n', '1 1\n'],
    ['BEGIN { print ("10" > "9") }', '', '0\n'],
    ['BEGIN { print (10 > 9) }', '', '1\n'],
    ['BEGIN { print (x == 0), (x == ""), length(x) }', '', '1 1 0\n'],
    ['BEGIN { print 1 == 1.0, "a" < "b", 2 < 10, "2" < "10" }', '', '1 1 1 0\n'],
    ['BEGIN { print "3x" + 1, "x" + 1, " 12 " * 2, -"3" }', '', '4 1 24 -3\n'],
    ['BEGIN { print 0.1 + 0.2, 1 / 3, 100 / 4, 2 ^ 53, 1e6, 3.0, 1 / 4 }', '', '0.3 0.333333 25 9007199254740992 1000000 3 0.25\n'],
    ['BEGIN { print 2 ^ 3 ^ 2, -2 ^ 2, 2 ** 3, 2 ^ -1 }', '', '512 -4 8 0.5\n'],
    ['BEGIN { print 7 % 3, -7 % 3, 7.5 % 2 }', '', '1 -1 1.5\n'],
    ['BEGIN { print 1 " " 2, 1 2 + 3 }', '', '1 2 15\n'],
    ['BEGIN { x = 5; print x++ + ++x, x-- - --x, x }', '', '12 2 5\n'],
    ['BEGIN { x = 10; x += 5; x -= 3; x *= 2; x /= 4; x %= 4; x ^= 3; print x }', '', '8\n'],
    ['BEGIN { print (1 ? "yes" : "no"), (0 ? "yes" : "no"), ("" ? "t" : "f"), ("0" ? "t" : "f") }', '', 'yes no f t\n'],
    ['BEGIN { print !0, !1, !"", !"a", - -3 }', '', '1 0 1 0 3\n'],
    ['BEGIN { print 1 && 0, 1 || 0, 0 || "" }', '', '0 1 0\n'],
    ['BEGIN { print 1e300 * 1e300, -1e300 * 1e300, log(-1) }', '', 'inf -inf nan\n'],
    ['BEGIN { OFMT = "%.2f"; x = 3.14159; print x; y = x ""; print y }', '', '3.14\n3.14159\n'],
    ['BEGIN { CONVFMT = "%.2f"; a = 3.14159; b = a ""; print b; c = 3 ""; print c }', '', '3.14\n3\n'],
    ['BEGIN { print 0x1A, 1e3, .5 }', '', '26 1000 0.5\n'],
    ['BEGIN { print "a\\tb\\\\c\\"d\\/e\\101" }', '', 'a\tb\\c"d/eA\n'],
    ['{ print ($1 < 2) ? "small" : "big" }', '1\n3\n', 'small\nbig\n'],
  ])('%s', (prog, input, expected) => {
    expect(out(prog, input)).toBe(expected);
  });
});

describe('awk: printf and sprintf', () => {
  it.each([
    ['%d', '42.9', '42'],
    ['%i', '-7.9', '-7'],
    ['%5d|', '42', '   42|'],
    ['%-5d|', '42', '42   |'],
    ['%05d', '-42', '-0042'],
    ['%+d % d', '5, 5', '+5  5'],
    ['%.3d', '7', '007'],
    ['%x %X %#x', '255, 255, 255', 'ff FF 0xff'],
    ['%o %#o', '8, 8', '10 010'],
    ['%u', '-1', '4294967295'],
    ['%c%c', '65, "hello"', 'Ah'],
    ['%s', '"text"', 'text'],
    ['%10s|', '"right"', '     right|'],
    ['%-10s|', '"left"', 'left      |'],
    ['%.2s', '"abc"', 'ab'],
    ['%.2f', '3.14159', '3.14'],
    ['%8.3f|', '3.14159', '   3.142|'],
    ['%08.2f', '-3.14159', '-0003.14'],
    ['%f', '1', '1.000000'],
    ['%.0f %.0f %.1f', '2.5, 3.5, 0.25', '2 4 0.2'],
    ['%e', '12345.678', '1.234568e+04'],
    ['%.2E', '0.000123', '1.23E-04'],
    ['%g %g %g %g', '0.0001, 1234567, 100, 0.1 + 0.2', '0.0001 1.23457e+06 100 0.3'],
    ['%G', '1e-10', '1E-10'],
    ['%.3g', '3.14159', '3.14'],
    ['100%%', '0', '100%'],
    ['%5.1f%%', '12.345', ' 12.3%'],
    ['%*d|%-*d|', '4, 1, 3, 2', '   1|2  |'],
    ['%s and %s', '"one"', 'one and '],
    ['%d items', '"3 apples"', '3 items'],
    ['%s', '1 / 4', '0.25'],
  ])('printf "%s" with %s', (fmt, args, expected) => {
    expect(out(`BEGIN { printf "${fmt}", ${args} }`)).toBe(expected);
  });

  it('printf with parentheses, sprintf and a bad conversion', () => {
    expect(out('BEGIN { printf("%s-%s\\n", "a", "b") }')).toBe('a-b\n');
    expect(out('BEGIN { s = sprintf("%03d|%-4s|", 7, "ab"); print s }')).toBe('007|ab  |\n');
    const r = run(['BEGIN { printf "%k", 1 }']);
    expect(r.err).toBe('awk: cmd. line:1: Invalid format specifier\n');
    expect(r.status).toBe(1);
  });

  it('prints a table aligned like kubectl', () => {
    expect(out('NR > 1 { printf "%-25s %s\\n", $1, $3 }', PODS)).toBe(
      'web-7d4b9c6f8-abcde       Running\nweb-7d4b9c6f8-fghij       Running\ndb-0                      CrashLoopBackOff\nworker-5f6d7c8b9-klmno    Pending\n',
    );
  });
});

describe('awk: arrays', () => {
  it('counts with an associative array and walks it with for-in', () => {
    const r = out('{ c[$1]++ } END { for (k in c) print k, c[k] }', 'b\na\nb\nc\nb\na\n');
    expect(sortLines(r)).toBe('a 2\nb 3\nc 1');
  });

  it('in, delete, delete of a whole array and length of an array', () => {
    expect(out('BEGIN { a["x"] = 1; a["y"] = 2; print ("x" in a), ("z" in a), length(a); delete a["x"]; print ("x" in a), length(a); delete a; print length(a) }')).toBe(
      '1 0 2\n0 1\n0\n',
    );
  });

  it('referencing an element creates it, in does not', () => {
    expect(out('BEGIN { if (a["k"] == "") n = length(a); if ("j" in a) n = 99; print n, length(a) }')).toBe('1 1\n');
  });

  it('joins multiple subscripts with SUBSEP and tests them with (i, j) in', () => {
    expect(out('BEGIN { m[1, 2] = "x"; print ((1, 2) in m), ((2, 1) in m); for (k in m) { split(k, p, SUBSEP); print p[1], p[2] } }')).toBe('1 0\n1 2\n');
  });

  it('converts number subscripts: integers as integers, others with CONVFMT', () => {
    expect(out('BEGIN { a[1] = "one"; print a["1"], (1.0 in a); a[0.5] = "half"; print a["0.5"] }')).toBe('one 1\nhalf\n');
  });

  it('break and continue in for-in, while, do and for', () => {
    const prog = `BEGIN {
      for (i = 0; i < 10; i++) { if (i == 2) continue; if (i == 5) break; s = s i }
      while (1) { if (++j > 3) break }
      do { k++ } while (k < 3)
      for (;;) { if (++m == 4) break }
      print s, j, k, m
    }`;
    expect(out(prog)).toBe('0134 4 3 4\n');
  });
});

describe('awk: built-in functions', () => {
  it.each([
    ['BEGIN { print length("hello"), length(12345), length() }', '', '5 5 0\n'],
    ['{ print length, length($0), length }', 'abc\n', '3 3 3\n'],
    ['BEGIN { print substr("hello", 2, 3), substr("hello", 2), substr("hello", 4, 10), substr("hello", 0, 2), substr("hello", 9) "|" }', '', 'ell ello lo he |\n'],
    ['BEGIN { print index("hello", "ll"), index("hello", "z"), index("hello", "") }', '', '3 0 0\n'],
    ['BEGIN { n = split("a:b:c", arr, ":"); print n, arr[1], arr[3] }', '', '3 a c\n'],
    ['BEGIN { n = split("a1b22c", arr, /[0-9]+/); print n, arr[2], arr[3] }', '', '3 b c\n'],
    ['BEGIN { n = split("  a  b ", arr); print n, arr[1] arr[2] }', '', '2 ab\n'],
    ['BEGIN { n = split("abc", arr, ""); print n, arr[2] }', '', '3 b\n'],
    ['BEGIN { n = split("", arr); print n, length(arr) }', '', '0 0\n'],
    ['BEGIN { print toupper("mixed Case 1"), tolower("MIXED Case") }', '', 'MIXED CASE 1 mixed case\n'],
    ['BEGIN { print int(-3.7), int("42abc"), sqrt(16), exp(0), log(1), sin(0), cos(0), atan2(0, -1) }', '', '-3 42 4 1 0 0 1 3.14159\n'],
    ['BEGIN { print match("foobar", /o+/), RSTART, RLENGTH; print match("foobar", "z"), RSTART, RLENGTH }', '', '2 2 2\n0 0 -1\n'],
    ['BEGIN { print and(12, 10), or(12, 10), xor(12, 10), lshift(1, 4), rshift(256, 4) }', '', '8 14 6 16 16\n'],
  ])('%s', (prog, input, expected) => {
    expect(out(prog, input)).toBe(expected);
  });

  it.each([
    ['{ sub(/o/, "0"); print }', 'foo boo\n', 'f0o boo\n'],
    ['{ n = gsub(/o/, "0"); print n, $0 }', 'foo boo\n', '4 f00 b00\n'],
    ['{ gsub(/[0-9]+/, "<&>"); print }', 'a1b22\n', 'a<1>b<22>\n'],
    ['{ gsub(/b/, "\\\\&"); print }', 'abc\n', 'a&c\n'],
    ['{ s = $0; gsub(/x*/, "-", s); print s }', 'abc\n', '-a-b-c-\n'],
    ['{ s = $0; gsub(/b*/, "-", s); print s }', 'abc\n', '-a-c-\n'],
    ['{ gsub(/^ +| +$/, ""); print "[" $0 "]" }', '  pad  \n', '[pad]\n'],
    ['{ gsub(/a/, "A", $2); print; print NF }', 'xa ya za\n', 'xa yA za\n3\n'],
    ['{ sub(/zzz/, "y", $2); print }', 'a   b\n', 'a   b\n'],
    ['{ s = "aaa"; print gsub("a", "b", s), s }', 'x\n', '3 bbb\n'],
    ['{ gsub(/\\./, ","); print }', '1.2.3\n', '1,2,3\n'],
    ['{ sub(/$/, "!"); print }', 'end\n', 'end!\n'],
  ])('%s on %j', (prog, input, expected) => {
    expect(out(prog, input)).toBe(expected);
  });

  it('rand is in [0, 1) and srand makes it repeat; srand returns the previous seed', () => {
    expect(out('BEGIN { a = rand(); srand(7); b = rand(); srand(7); c = rand(); print (a >= 0 && a < 1), (b == c), srand(3) }')).toBe('1 1 7\n');
    // Like every awk, the sequence without srand() is the same on every run.
    expect(out('BEGIN { print rand() }')).toBe(out('BEGIN { print rand() }'));
  });

  it('system() runs nothing and says so', () => {
    const r = run(['BEGIN { s = system("ls /"); print s }']);
    expect(r.out).toBe('127\n');
    expect(r.err).toBe('awk: cmd. line:1: system("ls /"): running commands is not supported\n');
    expect(r.status).toBe(0);
  });

  it('user-defined functions: values, recursion, arrays by reference, locals', () => {
    const prog = `
      function max(a, b) { return a > b ? a : b }
      function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) }
      function fill(arr, n,   i) { for (i = 1; i <= n; i++) arr[i] = i * i; return n }
      function noret(x) { x = 5 }
      { print max($1, $2), fact($1) }
      END { fill(sq, 3); print sq[1], sq[2], sq[3], i "|"; y = 1; noret(y); print y, noret(y) "|" }`;
    expect(out(prog, '3 7\n5 2\n')).toBe('7 6\n5 120\n1 4 9 |\n1 |\n');
  });
});

describe('awk: control flow', () => {
  it('next skips the remaining rules', () => {
    expect(out('NR == 2 { next } { print }', 'a\nb\nc\n')).toBe('a\nc\n');
  });

  it('exit stops reading, still runs END, and sets the status', () => {
    const r = run(['{ print } NR == 2 { exit 3 } END { print "end" }'], { stdin: 'a\nb\nc\n' });
    expect(r.out).toBe('a\nb\nend\n');
    expect(r.status).toBe(3);
  });

  it('exit in BEGIN skips the input but runs END; exit in END ends at once', () => {
    const r = run(['BEGIN { print "b"; exit 1; print "no" } { print "never" } END { print "e"; exit; print "no" }'], { stdin: 'x\n' });
    expect(r.out).toBe('b\ne\n');
    expect(r.status).toBe(1);
  });

  it('a BEGIN-only program does not read its input', () => {
    expect(run(['BEGIN { print "hi" }', '/missing']).out).toBe('hi\n');
  });

  it('if/else chains, newlines, semicolons and comments', () => {
    const prog = `
      # classify
      {
        if ($1 > 10)
          print $1, "big"      # a comment
        else if ($1 > 5) print $1, "medium"; else
          print $1, "small"
      }`;
    expect(out(prog, '20\n7\n1\n')).toBe('20 big\n7 medium\n1 small\n');
  });

  it('getline reads the next record, getline var < file reads a file', () => {
    expect(out('NR == 1 { getline; print "after", $0, NR }', 'a\nb\nc\n')).toBe('after b 2\n');
    const r = run(['BEGIN { while ((getline line < "/etc/hosts") > 0) n++; print n, line; print (getline x < "/nope") }'], {
      files: { '/etc/hosts': '127.0.0.1 localhost\n10.0.0.5 pod-1\n' },
    });
    expect(r.out).toBe('2 10.0.0.5 pod-1\n-1\n');
  });

  it('RS = "" reads paragraphs, newline then separates fields', () => {
    expect(out('BEGIN { RS = "" } { print NR ": " $1 "/" $NF }', '\n\na b\nc\n\n\nd e\n')).toBe('1: a/c\n2: d/e\n');
  });
});

describe('awk: output redirection', () => {
  it('print > file truncates once and appends afterwards; >> appends', () => {
    const r = run(['{ print $1 > "/tmp/out.txt" } END { printf "%d lines\\n", NR >> "/tmp/log" }'], {
      stdin: 'a 1\nb 2\n',
      files: { '/tmp/out.txt': 'old content\n', '/tmp/log': 'before\n' },
    });
    expect(r.out).toBe('');
    expect(r.file('/tmp/out.txt')).toBe('a\nb\n');
    expect(r.file('/tmp/log')).toBe('before\n2 lines\n');
  });

  it('resolves relative paths against the working directory and writes by field', () => {
    const r = run(['{ print $2 > $1 ".txt" }'], { stdin: 'a x\nb y\na z\n', cwd: '/tmp' });
    expect(r.file('/tmp/a.txt')).toBe('x\nz\n');
    expect(r.file('/tmp/b.txt')).toBe('y\n');
  });

  it('a comparison inside parentheses is not a redirection', () => {
    expect(out('{ print ($1 > 5) }', '7\n3\n')).toBe('1\n0\n');
  });

  it('/dev/stderr, and a file it cannot create', () => {
    const r = run(['BEGIN { print "oops" > "/dev/stderr"; print "x" > "/no/such/dir/f" }']);
    expect(r.err).toBe("oops\nawk: can't open '/no/such/dir/f': No such file or directory\n");
    expect(r.status).toBe(1);
  });

  it('printf to a pipe is reported the same way', () => {
    expect(run(['{ printf "%s\\n", $0 | "cat" }'], { stdin: 'x\n' }).err).toBe('awk: cmd. line:1: printf | "cat": running commands is not supported\n');
  });

  it('a pipe to a command is reported once and its output dropped', () => {
    const r = run(['{ print $1 | "sort" } END { print "done" }'], { stdin: 'b\na\n' });
    expect(r.out).toBe('done\n');
    expect(r.err).toBe('awk: cmd. line:1: print | "sort": running commands is not supported\n');
    expect(r.status).toBe(0);
  });

  it('"cmd" | getline is reported and reads nothing, so a while loop over it ends', () => {
    const r = run(['BEGIN { while ("ls /" | getline f) n++; print n + 0 }']);
    expect(r.out).toBe('0\n');
    expect(r.err).toBe('awk: cmd. line:1: "ls /" | getline: running commands is not supported\n');
    expect(r.status).toBe(0);
  });
});

describe('awk: errors', () => {
  it.each([
    ['{print $1', 'awk: cmd. line:1: Unexpected end of string\n'],
    ['BEGIN { x = }', 'awk: cmd. line:1: Unexpected token\n'],
    ['BEGIN {\n  print "a"\n  print )\n}', 'awk: cmd. line:3: Unexpected token\n'],
    ['BEGIN { print "unterminated }', 'awk: cmd. line:1: Unexpected end of string\n'],
    ['BEGIN { x = 1 @ 2 }', 'awk: cmd. line:1: Unexpected token\n'],
    ['BEGIN { break }', 'awk: cmd. line:1: Unexpected token\n'],
    ['BEGIN { x = (1, 2) }', 'awk: cmd. line:1: Unexpected token\n'],
    ['BEGIN { print substr("a") }', 'awk: cmd. line:1: Too few arguments for builtin\n'],
  ])('syntax error in %j', (prog, message) => {
    const r = run([prog], { stdin: 'x\n' });
    expect(r.err).toBe(message);
    expect(r.out).toBe('');
    expect(r.status).toBe(1);
  });

  it('names the program file in a syntax error from -f', () => {
    const r = run(['-f', '/p.awk'], { files: { '/p.awk': 'BEGIN {\n\n  x = = 1\n}\n' } });
    expect(r.err).toBe('awk: /p.awk:3: Unexpected token\n');
  });

  it('a missing input file ends the program as busybox does (no END, status 1)', () => {
    const r = run(['{ print } END { print "end" }', '/a', '/nope', '/b'], { files: { '/a': 'A\n', '/b': 'B\n' } });
    expect(r.out).toBe('A\n');
    expect(r.err).toBe("awk: can't open '/nope': No such file or directory\n");
    expect(r.status).toBe(1);
  });

  it('runtime errors: division by zero, a negative field, an undefined function', () => {
    expect(run(['BEGIN { print "before"; x = 1 / 0 }'])).toMatchObject({ out: 'before\n', err: 'awk: cmd. line:1: Division by zero\n', status: 1 });
    expect(run(['{ print $(-1) }'], { stdin: 'a\n' }).err).toBe('awk: cmd. line:1: Access to negative field\n');
    expect(run(['BEGIN { nosuch(1) }']).err).toBe('awk: cmd. line:1: Call to undefined function\n');
  });

  it.each(['BEGIN { while (1) x++ }', 'NR == 2 { for (;;) ; }'])('stops the runaway loop %s instead of hanging', (prog) => {
    const r = run([prog], { stdin: 'a\nb\nc\n' });
    expect(r.err).toMatch(/^awk: cmd\. line:1: stopped after \d+ steps: endless loop\?\n$/);
    expect(r.status).toBe(1);
  });

  it('stops endless recursion and runaway string growth', () => {
    expect(run(['function f(n) { return f(n + 1) } BEGIN { f(1) }']).err).toMatch(/nested too deep/);
    expect(run(['BEGIN { s = "x"; while (1) s = s s }']).err).toBe('awk: cmd. line:1: string too long\n');
  });

  it('prints the usage without a program, and rejects unknown options', () => {
    const r = run([]);
    expect(r.status).toBe(1);
    expect(r.err).toContain('Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...');
    expect(run(['-z', '{print}'])).toMatchObject({ err: "awk: invalid option -- 'z'\n", status: 1 });
    expect(run(['-F'])).toMatchObject({ err: "awk: option requires an argument -- 'F'\n", status: 1 });
  });

  it('reads stdin for "-" and when no file is named', () => {
    expect(run(['{ print FILENAME ":" $0 }', '-'], { stdin: 'in\n' }).out).toBe('-:in\n');
  });
});

describe('awk: kubectl one-liners', () => {
  it.each([
    ['NR > 1 { print $1 }', 'web-7d4b9c6f8-abcde\nweb-7d4b9c6f8-fghij\ndb-0\nworker-5f6d7c8b9-klmno\n'],
    ['{ print $1, $3 }', 'NAME STATUS\nweb-7d4b9c6f8-abcde Running\nweb-7d4b9c6f8-fghij Running\ndb-0 CrashLoopBackOff\nworker-5f6d7c8b9-klmno Pending\n'],
    ['$3 == "Running" { n++ } END { print n + 0 }', '2\n'],
    ['$3 == "Completed" { n++ } END { print n + 0 }', '0\n'],
    ['NR > 1 && $3 != "Running" { print $1 " is " $3 }', 'db-0 is CrashLoopBackOff\nworker-5f6d7c8b9-klmno is Pending\n'],
    ['NR > 1 && $4 > 0 { print $1, "restarted", $4, "times" }', 'db-0 restarted 7 times\n'],
    ['NR > 1 { split($2, r, "/"); if (r[1] != r[2]) print $1 }', 'db-0\nworker-5f6d7c8b9-klmno\n'],
    ['NR > 1 { s[$3]++ } END { for (k in s) print k, s[k] }', 'CrashLoopBackOff 1\nPending 1\nRunning 2\n'],
    ['/^web-/ { sub(/-[a-z0-9]+$/, "", $1); print $1 }', 'web-7d4b9c6f8\nweb-7d4b9c6f8\n'],
    ['NR > 1 { total += $4 } END { printf "%d restarts in %d pods\\n", total, NR - 1 }', '7 restarts in 4 pods\n'],
  ])('%s', (prog, expected) => {
    const got = out(prog, PODS);
    expect(prog.includes('for (k in s)') ? `${sortLines(got)}\n` : got).toBe(expected);
  });
});
