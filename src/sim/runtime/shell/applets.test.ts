import { describe, expect, it } from 'vitest';
import { runShell } from './index.ts';
import type { ShellOptions } from './types.ts';
import { drive, fakeProcess, type FakeProcess } from './testkit.ts';

function sh(script: string, opts: ShellOptions = {}, setup?: (p: FakeProcess) => void) {
  const p = fakeProcess({ files: { '/data/three.txt': 'one\ntwo\nthree\n' } });
  setup?.(p);
  const r = drive(runShell(script, p.ctx, opts), p.clock);
  return { ...r, out: p.stdout(), err: p.stderr(), all: p.all(), p };
}

describe('echo and printf', () => {
  it.each([
    ['echo a b', 'a b\n'],
    ['echo -n a; echo b', 'ab\n'],
    ['echo "a\\tb"', 'a\\tb\n'],
    ['echo -e "a\\tb\\nc"', 'a\tb\nc\n'],
    ['echo -e "x\\cy"; echo', 'x\n'],
    ['echo -ne "a\\n"', 'a\n'],
    ['echo -x', '-x\n'],
    ['printf "%s-%s\\n" a b c d', 'a-b\nc-d\n'],
    ['printf "%d %5d|%-3d|%03d\\n" 42 7 1 5', '42     7|1  |005\n'],
    ['printf "%x %o %c %%\\n" 255 8 hello', 'ff 10 h %\n'],
    ['printf "no newline"', 'no newline'],
    ['printf "%.2f\\n" 3.14159', '3.14\n'],
  ])('%j', (script, out) => {
    const r = sh(script);
    expect(r.err).toBe('');
    expect(r.out).toBe(out);
  });
});

describe('test / [', () => {
  it.each([
    ['[ -f /data/three.txt ]', 0],
    ['[ -d /data ]', 0],
    ['[ -e /nope ]', 1],
    ['[ -z "" ]', 0],
    ['[ -n "" ]', 1],
    ['[ abc = abc ]', 0],
    ['[ abc != abc ]', 1],
    ['[ 3 -eq 3 ]', 0],
    ['[ 3 -lt 2 ]', 1],
    ['[ 10 -ge 9 ]', 0],
    ['[ ! -f /nope ]', 0],
    ['test -s /data/three.txt', 0],
    ['[ 1 -eq 1 -a 2 -eq 3 ]', 1],
    ['[ 1 -eq 1 -o 2 -eq 3 ]', 0],
    ['[ "" ]', 1],
    ['[ x ]', 0],
  ])('%s -> %i', (script, status) => {
    expect(sh(script).status).toBe(status);
  });

  it.each([
    ['[ 1 -eq 1', 'sh: missing ]\n'],
    ['[ abc -eq 1 ]', 'sh: abc: bad number\n'],
    ['[ a b c ]', 'sh: b: unknown operand\n'],
  ])('%s fails with status 2', (script, err) => {
    const r = sh(script);
    expect(r.err).toBe(err);
    expect(r.status).toBe(2);
  });
});

describe('file applets', () => {
  it.each([
    ['cat /nope', "cat: can't open '/nope': No such file or directory\n", 1],
    ['rm /nope', "rm: can't remove '/nope': No such file or directory\n", 1],
    ['rm -f /nope', '', 0],
    ['rm /data', "rm: '/data' is a directory\n", 1],
    ['mkdir /a/b', "mkdir: can't create directory '/a/b': No such file or directory\n", 1],
    ['mkdir /data', "mkdir: can't create directory '/data': File exists\n", 1],
    ['mkdir -p /a/b/c', '', 0],
    ['touch /nope/x', 'touch: /nope/x: No such file or directory\n', 1],
    ['head /nope', "head: can't open '/nope': No such file or directory\n", 1],
    ['tail /nope', "tail: can't open '/nope': No such file or directory\ntail: no files\n", 1],
    ['ls /nope', 'ls: /nope: No such file or directory\n', 1],
    ['grep x /nope', 'grep: /nope: No such file or directory\n', 2],
  ])('%j', (script, err, status) => {
    const r = sh(script);
    expect(r.err).toBe(err);
    expect(r.status).toBe(status);
  });

  it.each([
    ['cat /data/three.txt', 'one\ntwo\nthree\n'],
    ['head -n 2 /data/three.txt', 'one\ntwo\n'],
    ['head -1 /data/three.txt', 'one\n'],
    ['tail -n 1 /data/three.txt', 'three\n'],
    ['tail -n +2 /data/three.txt', 'two\nthree\n'],
    ['tail -n+3 /data/three.txt', 'three\n'],
    ['tail -2 /data/three.txt', 'two\nthree\n'],
    ['wc -l /data/three.txt', '3 /data/three.txt\n'],
    ['wc -l < /data/three.txt', '3\n'],
    ['cat /data/three.txt | wc -w', '3\n'],
    ['grep t /data/three.txt', 'two\nthree\n'],
    ['grep -v t /data/three.txt', 'one\n'],
    ['grep -c e /data/three.txt', '2\n'],
    ['grep -i ONE /data/three.txt', 'one\n'],
    ['grep -n "^t" /data/three.txt', '2:two\n3:three\n'],
    ['grep -E "o|h" /data/three.txt', 'one\ntwo\nthree\n'],
    ['grep "o\\|h" /data/three.txt', 'one\ntwo\nthree\n'],
    ['grep -q two /data/three.txt && echo yes', 'yes\n'],
    ['touch /tmp/x; ls /tmp', 'x\n'],
    ['mkdir -p /w/d; touch /w/b /w/a /w/.h; ls /w; ls -a /w', 'a\nb\nd\n.\n..\n.h\na\nb\nd\n'],
    ['ls /data/three.txt', '/data/three.txt\n'],
    ['seq 3', '1\n2\n3\n'],
    ['seq 2 4', '2\n3\n4\n'],
    ['seq 10 -3 1', '10\n7\n4\n1\n'],
    ['seq -s , 3', '1,2,3\n'],
    ['cp /data/three.txt /tmp/c; cat /tmp/c | head -n 1', 'one\n'],
    ['mv /data/three.txt /tmp/m; cat /tmp/m | tail -n 1; ls /data', 'three\n'],
    ['echo hi | tee /tmp/t; cat /tmp/t', 'hi\nhi\n'],
    ['echo a:b:c | cut -d: -f2', 'b\n'],
    ['echo hello | tr a-z A-Z', 'HELLO\n'],
    ['basename /a/b/c.txt .txt; dirname /a/b/c.txt', 'c\n/a/b\n'],
  ])('%j', (script, out) => {
    const r = sh(script);
    expect(r.err).toBe('');
    expect(r.out).toBe(out);
  });

  it('ls -l uses the busybox long format', () => {
    const r = sh('echo hello > /tmp/f; ls -l /tmp/f');
    expect(r.out).toBe('-rw-r--r--    1 root     root             6 Jan  5 09:00 /tmp/f\n');
  });

  it('tail -f with nothing to follow (stdin) blocks forever', () => {
    expect(sh('tail -f').forever).toBe(true);
  });

  it('tail -F notices a removed and recreated file', () => {
    const p = fakeProcess({ files: { '/log/a': 'x\n' } });
    drive(runShell('tail -F /log/a', p.ctx), p.clock, 4000, (ms) => {
      if (ms === 1000) p.fs.remove('/log/a');
      if (ms === 2000) p.fs.writeFile('/log/a', 'y\n');
    });
    expect(p.all()).toBe('x\ntail: /log/a has become inaccessible: No such file or directory\ntail: /log/a has appeared; following end of new file\ny\n');
  });

  it('tail -f starts over when the file is truncated', () => {
    const p = fakeProcess({ files: { '/log/a': 'one\n' } });
    drive(runShell('tail -f /log/a', p.ctx), p.clock, 3000, (ms) => {
      if (ms === 1000) p.fs.writeFile('/log/a', 'n\n');
    });
    expect(p.stdout()).toBe('one\nn\n');
  });
});

describe('date, hostname, env', () => {
  it.each([
    ['date', 'Mon Jan  5 09:00:00 UTC 2026\n'],
    ['date -u', 'Mon Jan  5 09:00:00 UTC 2026\n'],
    ['date +%Y-%m-%dT%H:%M:%S', '2026-01-05T09:00:00\n'],
    ['date -u +"%s %Z"', '1767603600 UTC\n'],
    ['date -d @0 +%F', '1970-01-01\n'],
    ['date -I', '2026-01-05\n'],
    ['hostname', 'pod-1\n'],
    ['printenv HOME', '/root\n'],
    ['env | grep ^HOME=', 'HOME=/root\n'],
    ['env FOO=1 printenv FOO', '1\n'],
    ['sleep 61; date +%T', '09:01:01\n'],
  ])('%j', (script, out) => {
    const r = sh(script);
    expect(r.err).toBe('');
    expect(r.out).toBe(out);
  });

  it('printenv of an unset variable exits 1', () => {
    expect(sh('printenv NOPE').status).toBe(1);
  });
});

const SERVER_128 = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';
const SERVER_136 = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe('nslookup', () => {
  const withSvc = (p: FakeProcess): void => {
    p.net.addService('myservice', 'default', '10.96.157.170');
    p.fs.writeFile('/etc/resolv.conf', 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  };

  it.each([
    ['1.28', 'myservice.default.svc.cluster.local', `${SERVER_128}Name:      myservice.default.svc.cluster.local\nAddress 1: 10.96.157.170 myservice.default.svc.cluster.local\n`],
    ['1.28', 'myservice', `${SERVER_128}Name:      myservice\nAddress 1: 10.96.157.170 myservice.default.svc.cluster.local\n`],
    ['1.24', 'myservice.default', `${SERVER_128}Name:      myservice.default\nAddress 1: 10.96.157.170 myservice.default.svc.cluster.local\n`],
    ['1.36', 'myservice.default.svc.cluster.local', `${SERVER_136}Name:\tmyservice.default.svc.cluster.local\nAddress: 10.96.157.170\n\n\n`],
  ])('busybox %s: nslookup %s succeeds', (version, name, out) => {
    const r = sh(`nslookup ${name}`, { busyboxVersion: version }, withSvc);
    expect(r.all).toBe(out);
    expect(r.status).toBe(0);
  });

  it('busybox 1.28: a missing name prints the server block, then the error on stderr, exit 1', () => {
    const r = sh('nslookup nope.default.svc.cluster.local', { busyboxVersion: '1.28' }, withSvc);
    expect(r.out).toBe(SERVER_128);
    expect(r.err).toBe("nslookup: can't resolve 'nope.default.svc.cluster.local'\n");
    expect(r.status).toBe(1);
  });

  it('busybox 1.36: NXDOMAIN for the A and the AAAA query, exit 1', () => {
    const r = sh('nslookup nope.default.svc.cluster.local', {}, withSvc);
    expect(r.out).toBe(`${SERVER_136}** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n`);
    expect(r.status).toBe(1);
  });

  it('busybox 1.36 does not apply the search list to a dotted name (the known regression)', () => {
    const r = sh('nslookup myservice.default', {}, withSvc);
    expect(r.out).toContain("** server can't find myservice.default: NXDOMAIN");
    expect(r.status).toBe(1);
  });

  it('busybox 1.36 tries each search domain for a dotless name', () => {
    const r = sh('nslookup myservice', {}, withSvc);
    expect(r.out).toBe(
      SERVER_136 +
        'Name:\tmyservice.default.svc.cluster.local\nAddress: 10.96.157.170\n\n' +
        "** server can't find myservice.svc.cluster.local: NXDOMAIN\n\n** server can't find myservice.cluster.local: NXDOMAIN\n\n" +
        '\n' +
        "** server can't find myservice.svc.cluster.local: NXDOMAIN\n\n** server can't find myservice.cluster.local: NXDOMAIN\n\n",
    );
  });

  it('busybox 1.36 reverse lookup', () => {
    const r = sh('nslookup 10.96.157.170', {}, withSvc);
    expect(r.out).toBe(`${SERVER_136}170.157.96.10.in-addr.arpa\tname = myservice.default.svc.cluster.local\n\n`);
  });
});

describe('wget', () => {
  const web = (p: FakeProcess): void => {
    p.net.addService('web', 'default', '10.96.1.1');
    p.net.routes.set('10.96.1.1:80', (path) =>
      path === '/boom' ? { ok: true, response: { status: 500, body: 'err' } } : path === '/missing' ? { ok: true, response: { status: 404, body: '' } } : { ok: true, response: { status: 200, body: `<h1>${path}</h1>\n` } },
    );
    p.net.addService('slow', 'default', '10.96.1.2');
    p.net.routes.set('10.96.1.2:80', () => ({ ok: false, error: 'timeout', detail: '' }));
    p.net.addService('closed', 'default', '10.96.1.3');
  };

  it('-qO- prints only the body', () => {
    const r = sh('wget -qO- http://web/index.html', {}, web);
    expect(r.all).toBe('<h1>/index.html</h1>\n');
    expect(r.status).toBe(0);
  });

  it('-O - without -q also reports on stderr', () => {
    const r = sh('wget -O - web', {}, web);
    expect(r.out).toBe('<h1>/</h1>\n');
    expect(r.err).toBe(
      'Connecting to web (10.96.1.1:80)\nwriting to stdout\n-                    100% |********************************|    11  0:00:00 ETA\nwritten to stdout\n',
    );
  });

  it('saves to a file named after the URL, index.html by default', () => {
    const r = sh('cd /tmp && wget http://web:80/ && cat index.html', {}, web);
    expect(r.out).toBe('<h1>/</h1>\n');
    expect(r.err).toBe(
      "Connecting to web:80 (10.96.1.1:80)\nsaving to 'index.html'\nindex.html           100% |********************************|    11  0:00:00 ETA\n'index.html' saved\n",
    );
  });

  it('--spider checks without downloading', () => {
    const r = sh('wget --spider --timeout=1 web', {}, web);
    expect(r.err).toBe('Connecting to web (10.96.1.1:80)\nremote file exists\n');
    expect(r.status).toBe(0);
  });

  it.each([
    ['wget -q -O- http://nosuch', "wget: bad address 'nosuch'\n"],
    ['wget -q -O- http://closed', "wget: can't connect to remote host (10.96.1.3): Connection refused\n"],
    ['wget -q -O- http://web/boom', 'wget: server returned error: HTTP/1.1 500 Internal Server Error\n'],
    ['wget -q -O- http://web/missing', 'wget: server returned error: HTTP/1.1 404 Not Found\n'],
    ['wget -q -T 2 -O- http://slow', 'wget: download timed out\n'],
  ])('%j fails with exit 1', (script, err) => {
    const r = sh(script, {}, web);
    expect(r.err).toBe(err);
    expect(r.status).toBe(1);
  });

  it('a timeout waits -T seconds of virtual time', () => {
    expect(sh('wget -q -T 2 -O- http://slow', {}, web).sleptMs).toBe(2000);
  });
});
