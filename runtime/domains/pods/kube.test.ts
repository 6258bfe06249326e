import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../compose/types';
import { checkKubeYaml, composeToKube, kubeName } from './kube';

const EXAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: httpd
          image: busybox:latest
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

describe('checkKubeYaml', () => {
  it('reads a Deployment and a Service', () => {
    expect(checkKubeYaml(EXAMPLE)).toEqual({
      ok: true,
      objects: [
        { kind: 'Deployment', name: 'web', line: 2 },
        { kind: 'Service', name: 'web', line: 18 },
      ],
    });
  });

  it('gives the line of broken YAML', () => {
    const result = checkKubeYaml('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: [\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ key: 'syntax', line: 5 });
    expect(result.problems[0]?.message).toMatch(/indentation/);
  });

  it('says a tab is the problem', () => {
    const result = checkKubeYaml('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ key: 'tab', line: 4 });
  });

  it('names a kind Podman cannot play, at its line', () => {
    const result = checkKubeYaml('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n');
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ key: 'unsupportedKind', line: 2, params: { kind: 'Job' } })],
    });
  });

  it('wants an image for every container, at the container', () => {
    const result = checkKubeYaml(EXAMPLE.replace('          image: busybox:latest\n', ''));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ key: 'noImage', line: 14 })]);
  });

  it('refuses a file that makes nothing (a Service alone)', () => {
    const result = checkKubeYaml(EXAMPLE.split('---\n')[1] ?? '');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.key).toBe('nothingToPlay');
  });

  it('wants kind, name and containers', () => {
    expect(checkKubeYaml('apiVersion: v1\nmetadata: {name: x}\n')).toMatchObject({ problems: [{ key: 'noKind' }] });
    expect(checkKubeYaml('apiVersion: v1\nkind: Pod\n')).toMatchObject({ problems: [{ key: 'noName' }] });
    expect(checkKubeYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n')).toMatchObject({
      problems: [{ key: 'noContainers', line: 4 }],
    });
    expect(checkKubeYaml('- a\n- b\n')).toMatchObject({ problems: [{ key: 'notMapping', line: 1 }] });
  });
});

const MODEL: ComposeModel = {
  project: 'My_App',
  services: [
    {
      name: 'web',
      image: 'busybox:latest',
      ports: [{ target: 80, published: '8080', protocol: 'tcp' }],
      networks: ['default'],
      mounts: [
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        { type: 'bind', source: './site', target: '/www', readOnly: true },
      ],
      dependsOn: [],
      profiles: [],
      replicas: 3,
    },
    {
      name: 'api',
      build: { context: './api' },
      ports: [
        { target: 9000, protocol: 'tcp' },
        { target: 53, published: '', protocol: 'udp' },
      ],
      networks: ['default'],
      mounts: [],
      dependsOn: [],
      profiles: [],
      replicas: 1,
    },
  ],
  networks: [{ name: 'default', engineName: 'My_App_default', external: false }],
  volumes: [{ name: 'data', engineName: 'My_App_data', external: false }],
};

describe('composeToKube', () => {
  const text = composeToKube(MODEL);
  const docs = parseAllDocuments(text) as unknown as { toJS(): Record<string, unknown> }[];
  const objects = docs.map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: any }); // eslint-disable-line @typescript-eslint/no-explicit-any

  it('writes a claim per named volume, a Deployment per service and a Service per published port', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'PersistentVolumeClaim/my-app-data',
      'Deployment/web',
      'Service/web',
      'Deployment/api',
      'Service/api-53',
      'Service/api',
    ]);
  });

  it('keeps replicas, ports and mounts', () => {
    const web = objects[1]!;
    expect(web.spec.replicas).toBe(3);
    const pod = web.spec.template.spec;
    expect(pod.containers[0]).toMatchObject({
      image: 'busybox:latest',
      ports: [{ containerPort: 80 }],
      volumeMounts: [
        { name: 'data', mountPath: '/data' },
        { name: 'host-1', mountPath: '/www', readOnly: true },
      ],
    });
    expect(pod.volumes[0]).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'my-app-data' } });
    expect(objects[2]!.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ port: 8080, targetPort: 80 }] });
    expect(objects[4]!.spec).toMatchObject({ type: 'NodePort', ports: [{ port: 53, protocol: 'UDP' }] });
    expect(objects[5]!.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 9000 }] });
  });

  it('says a built image must be pushed, and passes its own check', () => {
    expect(text).toMatch(/builds its image from \.\/api/);
    expect(checkKubeYaml(text).ok).toBe(true);
  });

  it('makes names Kubernetes accepts', () => {
    expect(kubeName('My_App__data')).toBe('my-app-data');
    expect(kubeName('___')).toBe('x');
    expect(kubeName('a'.repeat(70))).toHaveLength(63);
  });
});
