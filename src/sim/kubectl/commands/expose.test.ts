import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lab } from '../../../../tests/lab.ts';
import type { Service } from '../../api.ts';

const deployment = (extraSelector = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web, team: shop}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}${extraSelector}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}]
`;

const replicaSet = `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: multi, labels: {role: multi}}
spec:
  replicas: 1
  selector: {matchLabels: {role: multi}}
  template:
    metadata: {labels: {role: multi}}
    spec:
      containers:
      - name: a
        image: nginx:1.27
        ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]
      - name: b
        image: nginx:1.27
        ports: [{containerPort: 9000}]
`;

const rc = `
apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  replicas: 1
  selector: {app: legacy}
  template:
    metadata: {labels: {app: legacy}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 8080}]
`;

const pod = (labels: string) => `
apiVersion: v1
kind: Pod
metadata: {name: solo${labels}}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 8443}]
`;

function svc(l: ReturnType<typeof lab>, name: string): Service | undefined {
  return l.cluster.store.get<Service>('Service', 'default', name);
}

/** The dry-run YAML, parsed. */
function dry(l: ReturnType<typeof lab>, args: string): { metadata: Record<string, unknown>; spec: Record<string, unknown> } {
  return parseYaml(l.kubectl(`expose ${args} --dry-run=client -o yaml`)) as never;
}

describe('kubectl expose: introspection', () => {
  it('a Deployment: selector from matchLabels, port from the template, labels from the Deployment', () => {
    const l = lab().apply(deployment());
    expect(l.kubectl('expose deployment web')).toBe('service/web exposed\n');
    const s = svc(l, 'web')!;
    expect(s.spec?.selector).toEqual({ app: 'web' });
    expect(s.metadata.labels).toEqual({ app: 'web', team: 'shop' });
    expect(s.spec?.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 80, protocol: 'TCP' })]);
    expect(s.spec?.ports?.[0]?.name).toBeUndefined();
    expect(s.spec?.type).toBe('ClusterIP');
  });

  it('a ReplicaSet with several container ports: port-1, port-2 ... each with its protocol', () => {
    const l = lab().apply(replicaSet);
    const out = dry(l, 'rs multi');
    expect(out.spec['selector']).toEqual({ role: 'multi' });
    expect(out.spec['ports']).toEqual([
      { name: 'port-1', port: 80, protocol: 'TCP', targetPort: 80 },
      { name: 'port-2', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'port-3', port: 9000, protocol: 'TCP', targetPort: 9000 },
    ]);
  });

  it('a ReplicationController: spec.selector', () => {
    const l = lab().apply(rc);
    expect(l.kubectl('expose rc legacy')).toBe('service/legacy exposed\n');
    expect(svc(l, 'legacy')?.spec?.selector).toEqual({ app: 'legacy' });
    expect(svc(l, 'legacy')?.spec?.ports?.[0]?.port).toBe(8080);
  });

  it('a Pod: its labels are the selector', () => {
    const l = lab().apply(pod(', labels: {app: solo}'));
    expect(l.kubectl('expose pod/solo')).toBe('service/solo exposed\n');
    expect(svc(l, 'solo')?.spec?.selector).toEqual({ app: 'solo' });
    expect(svc(l, 'solo')?.spec?.ports?.[0]?.port).toBe(8443);
  });

  it('a Service: its selector and its service ports (targetPort = port)', () => {
    const l = lab().apply(deployment());
    l.kubectl('expose deployment web --port=8080 --target-port=80');
    const out = dry(l, 'svc web --name=web2');
    expect(out.spec['selector']).toEqual({ app: 'web' });
    expect(out.spec['ports']).toEqual([{ port: 8080, protocol: 'TCP', targetPort: 8080 }]);
  });

  it('the Service gets endpoints and answers', () => {
    const l = lab().apply(deployment());
    l.kubectl('expose deployment web');
    l.run('kubectl run client --image=busybox:1.36 -- sleep 1d').advance('30s');
    expect(l.kubectl('get ep web')).toMatch(/10\.244\.\d+\.\d+:80/);
    expect(l.kubectl('exec client -- wget -qO- web')).toContain('Welcome to nginx!');
  });
});

describe('kubectl expose: flags', () => {
  it('--port, --target-port (number or name), --type, --name, --protocol', () => {
    const l = lab().apply(deployment());
    expect(l.kubectl('expose deploy web --name=web-np --type=NodePort --port=8080 --target-port=80')).toBe('service/web-np exposed\n');
    const s = svc(l, 'web-np')!;
    expect(s.spec?.type).toBe('NodePort');
    expect(s.spec?.ports?.[0]).toMatchObject({ port: 8080, targetPort: 80, protocol: 'TCP' });
    expect(s.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(dry(l, 'deploy web --target-port=http').spec['ports']).toEqual([{ port: 80, protocol: 'TCP', targetPort: 'http' }]);
    expect(dry(l, 'deploy web --port=53 --protocol=UDP').spec['ports']).toEqual([{ port: 53, protocol: 'UDP', targetPort: 53 }]);
  });

  it('--selector, --labels, --external-ip, --cluster-ip, --session-affinity', () => {
    const l = lab().apply(deployment());
    const out = dry(l, 'deploy web --selector=tier=front --labels=a=b,c=d --external-ip=1.2.3.4 --cluster-ip=None --session-affinity=ClientIP');
    expect(out.metadata['labels']).toEqual({ a: 'b', c: 'd' });
    expect(out.spec).toMatchObject({ selector: { tier: 'front' }, externalIPs: ['1.2.3.4'], clusterIP: 'None', sessionAffinity: 'ClientIP' });
  });

  it('a headless Service needs no port', () => {
    const l = lab().apply(pod(', labels: {app: solo}').replace(/\n {4}ports: .*\n/, '\n'));
    expect(l.kubectl('expose pod solo --cluster-ip=None')).toBe('service/solo exposed\n');
    expect(svc(l, 'solo')?.spec?.clusterIP).toBe('None');
  });

  it('--dry-run=client prints what would be created and creates nothing', () => {
    const l = lab().apply(deployment());
    expect(l.kubectl('expose deployment web --dry-run=client -o yaml')).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '    team: shop',
        '  name: web',
        'spec:',
        '  ports:',
        '  - port: 80',
        '    protocol: TCP',
        '    targetPort: 80',
        '  selector:',
        '    app: web',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    expect(l.kubectl('expose deployment web --dry-run=client')).toBe('service/web exposed (dry run)\n');
    const json = JSON.parse(l.kubectl('expose deployment web --dry-run=client -o json')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(dry(l, 'deployment web -n default').metadata['namespace']).toBe('default');
    expect(svc(l, 'web')).toBeUndefined();
  });

  it('a long name is cut to 63 characters', () => {
    const long = 'a'.repeat(70);
    const l = lab().apply(deployment().replace('{name: web,', `{name: ${long},`));
    expect(l.kubectl(`expose deployment ${long} --dry-run=client`)).toBe(`service/${'a'.repeat(63)} exposed (dry run)\n`);
  });
});

describe('kubectl expose: errors', () => {
  it.each([
    ['no port anywhere', pod(', labels: {app: solo}').replace(/\n {4}ports: .*\n/, '\n'), 'expose pod solo', "error: couldn't find port via --port flag or introspection\n"],
    ['a pod without labels', pod(''), 'expose pod solo', "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n"],
    [
      'matchExpressions',
      deployment('\n    matchExpressions: [{key: tier, operator: In, values: [front, back]}]'),
      'expose deployment web',
      `error: couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "[{Key:tier Operator:In Values:[front back]}]" to map-based selector format\n`,
    ],
    ['an unexposable kind', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}', 'expose configmap settings --port=80', 'error: cannot expose a ConfigMap\n'],
    ['an unexposable apps kind', deployment().replace('kind: Deployment', 'kind: StatefulSet').replace('replicas: 1', 'replicas: 1\n  serviceName: web'), 'expose sts web --port=80', 'error: cannot expose a StatefulSet.apps\n'],
    ['a missing object', deployment(), 'expose deployment nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['a bad session affinity', deployment(), 'expose deployment web --session-affinity=Sticky', 'error: unknown session affinity: Sticky\n'],
    ['a port that is not a number', deployment(), 'expose deployment web --port=http', 'error: strconv.Atoi: parsing "http": invalid syntax\n'],
    ['a selector that is not k=v', deployment(), 'expose deployment web --selector=app', 'error: unexpected label spec: app\n'],
    ['a bad --type (from the API server)', deployment(), 'expose deployment web --type=External', 'The Service "web" is invalid: spec.type: Unsupported value: "External": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n'],
    ['a type without a name', deployment(), 'expose deployment', 'error: resource(s) were provided, but no name was specified\n'],
  ])('%s', (_name, yaml, cmd, want) => {
    const l = lab().apply(yaml);
    expect(l.kubectl(cmd)).toBe(want);
  });

  it('an existing Service: AlreadyExists from the API', () => {
    const l = lab().apply(deployment());
    l.kubectl('expose deployment web');
    expect(l.kubectl('expose deployment web')).toBe('Error from server (AlreadyExists): services "web" already exists\n');
  });

  it('no arguments', () => {
    expect(lab().kubectl('expose')).toMatch(/^error: You must provide one or more resources by argument or filename\./);
  });
});
