import { describe, expect, it } from 'vitest';
import { checkWorkspace, NO_FACTS, type ClusterFacts, type Diagnostic } from './checks.ts';
import type { CheckKey } from './checkStrings.ts';

const deployment = (opts: { selector?: string; labels?: string; extra?: string; image?: string } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${opts.selector ?? 'web'}
  template:
    metadata:
      labels:
        app: ${opts.labels ?? 'web'}
    spec:
      containers:
      - name: nginx
        image: ${opts.image ?? 'nginx:1.27'}
        ports:
        - containerPort: 80
          name: http
${opts.extra ?? ''}`;

const service = (selector: string, targetPort = '80') => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: ${selector}
  ports:
  - port: 80
    targetPort: ${targetPort}
`;

const pvc = (extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
${extra}`;

const pv = (cls = '', size = '5Gi', modes = 'ReadWriteOnce') => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  capacity:
    storage: ${size}
  accessModes: [${modes}]
${cls ? `  storageClassName: ${cls}\n` : ''}  hostPath:
    path: /data
`;

interface Case {
  name: string;
  files: Record<string, string>;
  facts?: ClusterFacts;
  /** Expected check codes, in order of appearance. */
  codes: CheckKey[];
  /** Optional: where the first diagnostic is. */
  at?: Partial<Pick<Diagnostic, 'file' | 'line' | 'column' | 'severity'>>;
}

const cases: Case[] = [
  { name: 'a clean deployment and service', files: { 'a.yaml': `${deployment()}---\n${service('web')}` }, codes: [] },
  { name: 'starter pod', files: { 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n' }, codes: [] },
  {
    name: 'selector does not match the template',
    files: { 'd.yaml': deployment({ selector: 'web', labels: 'api' }) },
    // The Service-less deployment only has the selector problem.
    codes: ['selectorMismatch'],
    at: { file: 'd.yaml', line: 7, column: 3, severity: 'error' },
  },
  {
    name: 'matchExpressions are honoured',
    files: { 'd.yaml': deployment().replace('    matchLabels:\n      app: web\n', '    matchExpressions:\n    - {key: app, operator: In, values: [web, api]}\n') },
    codes: [],
  },
  {
    name: 'service selecting nothing',
    files: { 'a.yaml': deployment(), 'b.yaml': service('wbe') },
    codes: ['serviceNoPods'],
    at: { file: 'b.yaml', line: 6, column: 3, severity: 'warning' },
  },
  {
    name: 'service selecting a pod in the cluster',
    files: { 'b.yaml': service('cache', '6379') },
    facts: { ...NO_FACTS, pods: [{ namespace: 'default', labels: { app: 'cache' }, ports: [6379] }] },
    codes: [],
  },
  {
    name: 'service selecting a cluster pod in another namespace',
    files: { 'b.yaml': service('cache') },
    facts: { ...NO_FACTS, pods: [{ namespace: 'other', labels: { app: 'cache' }, ports: [80] }] },
    codes: ['serviceNoPods'],
  },
  { name: 'service targetPort by undeclared number', files: { 'a.yaml': deployment(), 'b.yaml': service('web', '8080') }, codes: ['targetPortNumber'], at: { file: 'b.yaml', line: 10 } },
  { name: 'service targetPort by declared name', files: { 'a.yaml': deployment(), 'b.yaml': service('web', 'http') }, codes: [] },
  { name: 'service targetPort by unknown name', files: { 'a.yaml': deployment(), 'b.yaml': service('web', 'web') }, codes: ['targetPortName'] },
  {
    name: 'probe on an undeclared port and an unknown name',
    files: {
      'a.yaml': deployment().replace(
        '          name: http\n',
        '          name: http\n        readinessProbe:\n          httpGet: {path: /, port: 8080}\n        livenessProbe:\n          tcpSocket:\n            port: metrics\n',
      ),
    },
    codes: ['probePortNumber', 'probePortName'],
  },
  {
    name: 'probe on a declared name',
    files: { 'a.yaml': deployment().replace('          name: http\n', '          name: http\n        readinessProbe:\n          httpGet: {path: /, port: http}\n') },
    codes: [],
  },
  {
    name: 'volumeMount without a volume',
    files: { 'a.yaml': deployment().replace('          name: http\n', '          name: http\n        volumeMounts:\n        - name: data\n          mountPath: /data\n') },
    codes: ['mountNoVolume'],
    at: { line: 22, column: 17, severity: 'error' },
  },
  {
    name: 'statefulset mount backed by a claim template',
    files: {
      's.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: redis
        image: redis:7
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: fast
      resources:
        requests:
          storage: 1Gi
`,
    },
    facts: { ...NO_FACTS, storageClasses: [{ name: 'fast', provisioner: 'rancher.io/local-path', isDefault: false }] },
    codes: [],
  },
  { name: 'pvc with no default class and no PV', files: { 'c.yaml': pvc() }, codes: ['pvcNoDefaultClass'] },
  { name: 'pvc satisfied by a workspace PV', files: { 'c.yaml': pvc(), 'v.yaml': pv() }, codes: [] },
  { name: 'pvc larger than the PV', files: { 'c.yaml': pvc(), 'v.yaml': pv('', '500Mi') }, codes: ['pvcNoDefaultClass'] },
  { name: 'pvc with the wrong access mode', files: { 'c.yaml': pvc(), 'v.yaml': pv('', '5Gi', 'ReadOnlyMany') }, codes: ['pvcNoDefaultClass'] },
  { name: 'pvc satisfied by a cluster default class', files: { 'c.yaml': pvc() }, facts: { ...NO_FACTS, storageClasses: [{ name: 'standard', provisioner: 'rancher.io/local-path', isDefault: true }] }, codes: [] },
  { name: 'pvc naming a missing class', files: { 'c.yaml': pvc('  storageClassName: fast\n') }, codes: ['pvcNoClass'], at: { line: 10 } },
  { name: 'pvc naming a class only a PV has', files: { 'c.yaml': pvc('  storageClassName: manual\n'), 'v.yaml': pv('manual') }, codes: [] },
  {
    name: 'pvc with a no-provisioner class',
    files: { 'c.yaml': pvc('  storageClassName: local\n'), 's.yaml': 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: local\nprovisioner: kubernetes.io/no-provisioner\n' },
    codes: ['pvcNoProvisioner'],
  },
  {
    name: 'pvc with empty class and a cluster PV bound elsewhere',
    files: { 'c.yaml': pvc('  storageClassName: ""\n') },
    facts: { ...NO_FACTS, persistentVolumes: [{ name: 'pv0', storageClassName: '', capacity: '10Gi', accessModes: ['ReadWriteOnce'], claim: 'default/other', phase: 'Bound' }] },
    codes: ['pvcEmptyClass'],
  },
  { name: 'pvc naming a missing volume', files: { 'c.yaml': pvc('  volumeName: nope\n') }, codes: ['pvcNoVolumeName'] },
  { name: 'image missing from the registry', files: { 'a.yaml': deployment({ image: 'ngnix:1.27' }) }, codes: ['imageMissing'], at: { line: 17, column: 16, severity: 'warning' } },
  { name: 'image with a tag that does not exist', files: { 'a.yaml': deployment({ image: 'nginx:9.99-nope' }) }, codes: ['imageTag'] },
  {
    name: 'removed apiVersion',
    files: { 'a.yaml': deployment().replace('apps/v1', 'extensions/v1beta1') },
    codes: ['apiRemoved'],
    at: { line: 1, column: 13, severity: 'error' },
  },
  { name: 'kind served under another version', files: { 'a.yaml': deployment().replace('apps/v1', 'v1') }, codes: ['apiServedAs'] },
  { name: 'kind with the wrong case', files: { 'a.yaml': 'apiVersion: v1\nkind: pod\nmetadata:\n  name: x\n' }, codes: ['apiCase'], at: { line: 2 } },
  { name: 'broken YAML is left to the YAML parser', files: { 'a.yaml': 'apiVersion: v1\nkind: Pod\n  metadata: [\n' }, codes: [] },
  { name: 'documents after the first are located in their own lines', files: { 'a.yaml': `${deployment()}---\n${service('nope')}` }, codes: ['serviceNoPods'], at: { line: 27 } },
];

describe('checkWorkspace', () => {
  it.each(cases)('$name', (c) => {
    const files = Object.entries(c.files).map(([name, text]) => ({ name, text }));
    const got = checkWorkspace(files, c.facts ?? NO_FACTS);
    expect(got.map((d) => d.code)).toEqual(c.codes);
    if (c.at) expect(got[0]).toMatchObject(c.at);
    for (const d of got) {
      expect(d.message).not.toMatch(/\{\w+\}/);
      expect(d.endLine > d.line || (d.endLine === d.line && d.endColumn > d.column)).toBe(true);
    }
  });

  it('speaks Korean when asked', () => {
    const [d] = checkWorkspace([{ name: 'd.yaml', text: deployment({ labels: 'api' }) }], NO_FACTS, 'ko');
    expect(d?.message).toContain('셀렉터');
    expect(d?.message).toContain('app=web');
  });

  it('names the replacement apiVersion and the selector note', () => {
    const [d] = checkWorkspace([{ name: 'a.yaml', text: deployment().replace('apps/v1', 'apps/v1beta2') }], NO_FACTS);
    expect(d?.message).toContain('no matches for kind "Deployment" in version "apps/v1beta2"');
    expect(d?.message).toContain('apiVersion: apps/v1');
    expect(d?.message).toContain('spec.selector');
  });

  it('suggests a near image name', () => {
    const [d] = checkWorkspace([{ name: 'a.yaml', text: deployment({ image: 'ngnix:1.27' }) }], NO_FACTS);
    expect(d?.message).toContain('nginx');
  });
});

describe('YAML 1.1 booleans', () => {
  it('warns where an unquoted on/yes/no is a boolean to kubectl, on the word itself, and not for true or a quoted word', () => {
    const env = '        env:\n        - name: DEBUG\n          value: on\n        - name: QUIET\n          value: "no"\n        - name: FLAG\n          value: true\n';
    const text = deployment().replace('          name: http\n', '          name: http\n' + env);
    const got = checkWorkspace([{ name: 'd.yaml', text }], NO_FACTS).filter((d) => d.code === 'yamlBool');
    expect(got).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.endsWith('value: on')) + 1;
    expect(got[0]).toMatchObject({ severity: 'warning', line, column: 18, endLine: line, endColumn: 20 });
    expect(got[0]!.message).toContain('Kubernetes reads on as the boolean true');
    expect(got[0]!.message).toContain('"on"');
  });
});
