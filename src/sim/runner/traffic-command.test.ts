import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { servicesReachedBy } from '../traffic.ts';
import { LabDriver } from './driver.ts';
import { Session } from './session.ts';
import { parseTarget } from './traffic-command.ts';
import { KUBECTL } from '../kubectl/tool.ts';

const SETUP = `kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl expose deployment web --port=80
kubectl rollout status deployment/web --timeout=120s`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`;

function lab(seed = 1): Session {
  const s = new Session(createCluster({ seed }), { kubectl: KUBECTL });
  s.runScript(SETUP);
  return s;
}

function run(s: Session, line: string): { code: number; text: string } {
  let text = '';
  const code = s.drive(s.run({ line, raw: [line] } as Parameters<Session['run']>[0], { out: (t) => (text += t), err: (t) => (text += t) }));
  return { code, text };
}

describe('traffic command', () => {
  it('starts a source that keeps running on the clock after the command returned', () => {
    const s = lab();
    const out = s.runScript('traffic start svc/web --rate 10');
    expect(out).toBe('$ traffic start svc/web --rate 10\ntraffic "web" started: 10 requests/s to svc/web\n');
    const entry = s.cluster.trafficRegistry.get('web')!;
    expect(entry.source.results).toHaveLength(0);
    s.cluster.advance(5_000);
    expect(entry.source.summary()).toMatchObject({ total: 50, ok: 50, failed: 0 });
  });

  it('prints a status table and stops by name, the only one, or --all', () => {
    const s = lab();
    const out = s.runScript(`traffic start svc/web --rate 2 --name a
traffic start svc/web:80/healthz --rate 0.5 --name b
sleep 10
traffic status`);
    const lines = out.split('\n');
    const header = lines.findIndex((l) => l.startsWith('NAME'));
    expect(lines[header]).toMatch(/^NAME\s+TARGET\s+RATE\s+SENT\s+OK\s+FAILED\s+LAST ANSWER$/);
    expect(lines[header + 1]).toMatch(/^a\s+svc\/web\s+2\/s\s+20\s+20\s+0\s+200 from web-[a-z0-9]+-[a-z0-9]+ \(1\.27\)$/);
    expect(lines[header + 2]).toMatch(/^b\s+svc\/web:80\/healthz\s+0\.5\/s\s+5\s+/);
    expect(s.runScript('traffic stop')).toMatch(/more than one source is running \(a, b\)/);
    expect(s.runScript('traffic stop a')).toMatch(/traffic "a" stopped: 20 sent, 20 ok, 0 failed/);
    expect(s.runScript('traffic stop')).toMatch(/traffic "b" stopped: 5 sent/);
    expect(s.runScript('traffic status')).toMatch(/No traffic is running\./);
    // A stopped source stays readable for the charts, and sends nothing more.
    const a = s.cluster.trafficRegistry.all().find((e) => e.name === 'a')!;
    s.cluster.advance(5_000);
    expect(a.source.results).toHaveLength(20);
    expect(a.source.stoppedAt).toBeDefined();
  });

  it('works inside a shell line too (pipes)', () => {
    const s = lab();
    s.runScript('traffic start svc/web --rate 1\nsleep 3');
    expect(s.runScript('traffic status | grep -c web')).toMatch(/\n1\n$/);
  });

  it('refuses bad input with a message and a non-zero code', () => {
    const s = lab();
    expect(run(s, 'traffic start web')).toMatchObject({ code: 1, text: expect.stringMatching(/invalid target "web"/) });
    expect(run(s, 'traffic start svc/web --rate 0')).toMatchObject({ code: 1, text: expect.stringMatching(/invalid --rate "0"/) });
    expect(run(s, 'traffic start svc/web --rate 1000')).toMatchObject({ code: 1 });
    expect(run(s, 'traffic start svc/web --bogus')).toMatchObject({ code: 1, text: expect.stringMatching(/unknown flag: --bogus/) });
    expect(run(s, 'traffic start svc/web --name x')).toMatchObject({ code: 0 });
    expect(run(s, 'traffic start svc/web --name x')).toMatchObject({ code: 1, text: expect.stringMatching(/"x" is already running/) });
    // Without --name a second source on the same Service gets the next free name.
    expect(run(s, 'traffic start svc/web')).toMatchObject({ code: 0, text: expect.stringMatching(/traffic "web" started/) });
    expect(run(s, 'traffic start svc/web')).toMatchObject({ code: 0, text: expect.stringMatching(/traffic "web-2" started/) });
    expect(run(s, 'traffic stop nope')).toMatchObject({ code: 1, text: expect.stringMatching(/"nope" is not running/) });
    expect(run(s, 'traffic start svc/missing')).toMatchObject({ code: 0, text: expect.stringMatching(/warning: service "missing" not found/) });
    expect(run(s, 'traffic')).toMatchObject({ code: 1, text: expect.stringMatching(/^Usage:/) });
    expect(run(s, 'traffic stop --all')).toMatchObject({ code: 0 });
    expect(s.cluster.trafficRegistry.list()).toHaveLength(0);
  });

  it('parses targets: svc with namespace, port and path; http:// addresses', () => {
    expect(parseTarget('svc/web', 'default')).toEqual({ kind: 'service', namespace: 'default', name: 'web' });
    expect(parseTarget('service/api:8080/v1/x', 'shop')).toEqual({ kind: 'service', namespace: 'shop', name: 'api', port: 8080, path: '/v1/x' });
    expect(parseTarget('http://192.168.2.2:30080/app', 'x')).toEqual({ kind: 'address', host: '192.168.2.2', port: 30080, path: '/app' });
    expect(parseTarget('http://10.0.0.5', 'x')).toEqual({ kind: 'address', host: '10.0.0.5', port: 80 });
    expect(parseTarget('https://a', 'x')).toMatch(/https is not supported/);
  });

  it('uses -n for a Service in another namespace', () => {
    const s = new Session(createCluster({ seed: 2 }), { kubectl: KUBECTL });
    s.runScript(`kubectl create namespace shop
kubectl create deployment api -n shop --image=nginx:1.27
kubectl expose deployment api -n shop --port=80
sleep 40
traffic start svc/api -n shop --rate 5
sleep 2`);
    expect(s.cluster.trafficRegistry.get('api')!.source.summary()).toMatchObject({ total: 10, ok: 10 });
  });

  it('reaches a NodePort on a node IP, and an Ingress through the controller NodePort with a Host header', () => {
    const s = lab(3);
    const out = s.runScript(`kubectl expose deployment web --name web-np --type=NodePort --port=80
sleep 5
kubectl apply -f - <<EOF
${INGRESS}EOF
sleep 5`);
    expect(out).not.toMatch(/error/i);
    const np = s.cluster.store.get<{ apiVersion: string; kind: string; metadata: object; spec?: { ports?: { nodePort?: number }[] } }>('Service', 'default', 'web-np')!.spec!.ports![0]!.nodePort!;
    s.runScript(`traffic start http://192.168.2.2:${np}/ --name np --rate 4
traffic start http://192.168.2.2:30080/ -H 'Host: web.example.com' --name ing --rate 4
traffic start http://192.168.2.2:30080/ --name nohost --rate 4
sleep 5`);
    const reg = s.cluster.trafficRegistry;
    expect(reg.get('np')!.source.summary()).toMatchObject({ total: 20, ok: 20 });
    expect(reg.get('ing')!.source.summary()).toMatchObject({ total: 20, ok: 20 });
    // No rule for that host: the controller's default backend answers 404.
    expect(reg.get('nohost')!.source.results.at(-1)!.status).toBe(404);
    const nodeIps = s.cluster.network.nodeIps;
    expect(servicesReachedBy(s.cluster.store, nodeIps, reg.get('np')!.source.target)).toEqual(['default/web-np']);
    expect(servicesReachedBy(s.cluster.store, nodeIps, reg.get('ing')!.source.target)).toEqual(['default/web']);
    expect(servicesReachedBy(s.cluster.store, nodeIps, reg.get('nohost')!.source.target)).toEqual([]);
  });

  it('shows a rolling update moving answers from the old version to the new without failures', () => {
    const s = lab(5);
    s.runScript(`traffic start svc/web --rate 10
kubectl set image deployment/web nginx=nginx:1.28
kubectl rollout status deployment/web --timeout=120s
sleep 5`);
    const src = s.cluster.trafficRegistry.get('web')!.source;
    const sum = src.summary();
    expect(sum.failed).toBe(0);
    expect(Object.keys(sum.byVersion).sort()).toEqual(['1.27', '1.28']);
    expect(src.results.at(-1)!.version).toBe('1.28');
  });
});

describe('traffic and the LabDriver', () => {
  it('a replay of the recorded lines gives the same requests and answers, also after a rewind', () => {
    const live = new LabDriver({ kubectl: KUBECTL, seed: 9 });
    live.submit(SETUP);
    live.advance(60_000);
    live.submit('traffic start svc/web --rate 7 --name w');
    live.advance(3_000);
    live.submit('kubectl set image deployment/web nginx=nginx:1.28');
    live.advance(40_000);
    live.submit('traffic stop w');
    live.advance(5_000);
    const results = (d: LabDriver) => JSON.stringify(d.cluster.trafficRegistry.all().map((e) => ({ name: e.name, results: e.source.results })));
    const want = results(live);
    expect((JSON.parse(want) as { results: unknown[] }[])[0]!.results.length).toBeGreaterThan(250);

    const again = LabDriver.replay({ kubectl: KUBECTL, seed: 9 }, live.actions, live.now);
    expect(results(again)).toBe(want);
    expect(again.cluster.random.nextUint32()).toBe(live.cluster.random.nextUint32());

    // Rewind into the middle of the rollout, then let the recorded future play out.
    const setImage = live.actions.find((a) => a.kind === 'line' && a.text.startsWith('kubectl set image'))!;
    const rewound = LabDriver.replay({ kubectl: KUBECTL, seed: 9 }, live.actions, setImage.at + 10_000);
    expect(rewound.cluster.trafficRegistry.get('w')!.source.isRunning).toBe(true);
    rewound.advance(live.now - rewound.now);
    expect(results(rewound)).toBe(want);
  });
});
