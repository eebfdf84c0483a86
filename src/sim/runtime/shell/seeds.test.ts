// Every shell command from the seed articles' manifests, run exactly as written.

import { describe, expect, it } from 'vitest';
import { runArgv, runShell } from './index.ts';
import { drive, fakeProcess, T0 } from './testkit.ts';

const NS_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

describe('seed manifests', () => {
  it('tail -n+1 -f prints the whole access log, then what nginx appends, polling each second', () => {
    const p = fakeProcess({ files: { '/var/log/nginx/access.log': 'GET / 200\n' } });
    const proc = runArgv(['/bin/sh', '-c', 'tail -n+1 -f /var/log/nginx/access.log'], p.ctx);
    const r = drive(proc, p.clock, 3000, (ms) => {
      if (ms === 1000) p.fs.writeFile('/var/log/nginx/access.log', 'GET /a 404\n', true);
    });
    expect(r.status).toBeNull();
    expect(r.yields).toBe(3);
    expect(p.stdout()).toBe('GET / 200\nGET /a 404\n');
    expect(p.stderr()).toBe('');
  });

  it('the adapter loop writes a date-stamped line every 5 s (word splitting collapses "Jan  5")', () => {
    const p = fakeProcess();
    p.fs.mkdir('/var/log', true);
    const script = "while true; do echo $(date -u)'#This is log' >> /var/log/file.log; sleep 5;done";
    const r = drive(runArgv(['/bin/sh', '-c', script], p.ctx), p.clock, 15_000);
    expect(r.status).toBeNull();
    expect(p.fs.readFile('/var/log/file.log')).toBe(
      ['Mon Jan 5 09:00:00 UTC 2026#This is log', 'Mon Jan 5 09:00:05 UTC 2026#This is log', 'Mon Jan 5 09:00:10 UTC 2026#This is log', ''].join('\n'),
    );
  });

  it('the init container loops until nslookup (busybox 1.28) resolves the service', () => {
    const p = fakeProcess({ files: { [NS_FILE]: 'default' } });
    const script =
      'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done';
    const proc = runArgv(['sh', '-c', script], p.ctx, { busyboxVersion: '1.28' });
    const r = drive(proc, p.clock, Infinity, (ms) => {
      if (ms === 4000) p.net.addService('myservice', 'default', '10.96.157.170');
    });
    expect(r).toMatchObject({ status: 0, sleptMs: 4000 });
    const fail = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n' + "nslookup: can't resolve 'myservice.default.svc.cluster.local'\n" + 'waiting for myservice\n';
    expect(p.all()).toBe(
      fail +
        fail +
        'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n' +
        'Name:      myservice.default.svc.cluster.local\nAddress 1: 10.96.157.170 myservice.default.svc.cluster.local\n',
    );
  });

  it('the app container prints once and sleeps an hour, then exits 0', () => {
    const p = fakeProcess();
    const r = drive(runArgv(['sh', '-c', 'echo The app is running! && sleep 3600'], p.ctx), p.clock);
    expect(r).toMatchObject({ status: 0, sleptMs: 3_600_000, yields: 1 });
    expect(p.stdout()).toBe('The app is running!\n');
  });

  it.each([
    ['multi-line as written', 'i=1;while :;do  echo -e "$i: Price: $((RANDOM % 10000 + 1))" >> /var/log/cart-app.log;\n  i=$((i+1)); sleep 2; done'],
    ['folded by YAML', 'i=1;while :;do  echo -e "$i: Price: $((RANDOM % 10000 + 1))" >> /var/log/cart-app.log; i=$((i+1)); sleep 2; done'],
  ])('the cart app appends a numbered price every 2 s (%s)', (_label, script) => {
    const p = fakeProcess({ seed: 7 });
    p.fs.mkdir('/var/log', true);
    const r = drive(runArgv(['/bin/sh', '-c', script], p.ctx), p.clock, 10_000);
    expect(r.status).toBeNull();
    const lines = p.fs.readFile('/var/log/cart-app.log').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(5);
    lines.forEach((l, i) => {
      const m = /^(\d+): Price: (\d+)$/.exec(l);
      expect(m?.[1]).toBe(String(i + 1));
      const price = Number(m?.[2]);
      expect(price).toBeGreaterThanOrEqual(1);
      expect(price).toBeLessThanOrEqual(10000);
    });
  });

  it.each(['tail -n +1 -F /var/log/cart-app.log', 'tail -n+1 -F /var/log/cart-app.log'])('the sidecar `%s` streams the cart log', (script) => {
    const p = fakeProcess();
    p.fs.mkdir('/var/log', true);
    p.fs.writeFile('/var/log/cart-app.log', '1: Price: 10\n');
    const r = drive(runArgv(['/bin/sh', '-c', script], p.ctx), p.clock, 5000, (ms) => {
      if (ms === 2000) p.fs.writeFile('/var/log/cart-app.log', '2: Price: 20\n', true);
    });
    expect(r.status).toBeNull();
    expect(p.stdout()).toBe('1: Price: 10\n2: Price: 20\n');
  });

  it('tail -F waits for a log file that does not exist yet, with busybox notes on stderr', () => {
    const p = fakeProcess();
    p.fs.mkdir('/var/log', true);
    drive(runArgv(['/bin/sh', '-c', 'tail -n+1 -F /var/log/cart-app.log'], p.ctx), p.clock, 4000, (ms) => {
      if (ms === 2000) p.fs.writeFile('/var/log/cart-app.log', '1: Price: 5\n');
    });
    expect(p.all()).toBe(
      "tail: can't open '/var/log/cart-app.log': No such file or directory\n" + 'tail: /var/log/cart-app.log has appeared; following end of new file\n' + '1: Price: 5\n',
    );
  });

  it('the liveness example: /tmp/healthy exists for 30 s, then is removed; exits after 630 s', () => {
    const p = fakeProcess();
    const proc = runArgv(['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600'], p.ctx);
    const seen: [number, boolean][] = [];
    const r = drive(proc, p.clock, Infinity, (ms) => seen.push([ms, p.fs.exists('/tmp/healthy')]));
    expect(r).toMatchObject({ status: 0, sleptMs: 630_000 });
    expect(seen).toEqual([
      [30_000, true],
      [630_000, false],
    ]);
    expect(p.clock.now).toBe(T0 + 630_000);
  });

  it('the liveness probe `cat /tmp/healthy` fails with busybox wording once the file is gone', () => {
    const p = fakeProcess();
    const r = drive(runArgv(['cat', '/tmp/healthy'], p.ctx), p.clock);
    expect(r.status).toBe(1);
    expect(p.stderr()).toBe("cat: can't open '/tmp/healthy': No such file or directory\n");
  });

  it('runShell runs the same scripts without an argv', () => {
    const p = fakeProcess();
    const r = drive(runShell('echo The app is running! && sleep 3600', p.ctx), p.clock);
    expect(r.status).toBe(0);
    expect(p.stdout()).toBe('The app is running!\n');
  });
});
