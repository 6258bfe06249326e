// Pods against the real engines: kube play, the pods list, kube generate and
// kube down on Podman, read back with the podman CLI; Docker's answer that it
// has no pods.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { TEST_IMAGE, type TestEngine, createTestEngine, dockerCli, uniqueName } from '../../test-support/test-engine';
import { createPodsService } from './service';

const PODMAN = process.env.WHARF_TEST_PODMAN;
const DOCKER = process.env.WHARF_TEST_DOCKER;

/** The podman CLI pointed at the test engine. */
function podman(endpoint: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('podman', ['--url', endpoint, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`podman ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/** A Deployment and a Service, as a learner would write them; the image is the local test image, never pulled. */
function deploymentYaml(name: string, port: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: httpd
          image: ${TEST_IMAGE}:latest
          imagePullPolicy: Never
          command: ["httpd", "-f", "-p", "${port}"]
          ports:
            - containerPort: ${port}
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
    - port: ${port}
      targetPort: ${port}
`;
}

interface CliPod {
  Name: string;
  Status: string;
  Containers: { Names: string; Status: string }[];
}

const caught = async (p: Promise<unknown>): Promise<ApiError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe.skipIf(!PODMAN)('pods on podman', () => {
  const endpoint = PODMAN ?? '';
  let engine: TestEngine;
  let service: ReturnType<typeof createPodsService>;
  const name = uniqueName('wharf-kube');
  // A port of its own: Podman publishes the container port on the host.
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const yaml = deploymentYaml(name, port);
  const containers: string[] = [];
  /** The states of a pod's containers, as podman ps shows them. */
  const states = async (pod: string) =>
    (await podman(endpoint, ['ps', '-a', '--filter', `pod=${pod}`, '--format', '{{.State}}']))
      .trim()
      .split('\n')
      .map((line) => line.trim().toLowerCase().split(' ')[0] ?? '');
  const cliPods = async () => JSON.parse(await podman(endpoint, ['pod', 'ps', '--format', 'json'])) as CliPod[];

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    service = createPodsService(engine);
  });
  afterAll(async () => {
    for (const pod of (await cliPods().catch(() => [])).filter((p) => p.Name.startsWith(name)))
      await podman(endpoint, ['pod', 'rm', '-f', pod.Name]).catch(() => {});
    if (containers.length > 0) await dockerCli(endpoint, ['rm', '-f', ...containers]).catch(() => {});
    await engine.dispose();
  });

  it('plays a Deployment and a Service: the list shows the pod and its containers as podman pod ps does', async () => {
    const played = await service.requests['pods.play']({ yaml, file: 'web.yaml' });
    expect(played.commands).toEqual(['podman kube play web.yaml']);
    expect(played.pods).toHaveLength(1);
    const podName = played.pods[0]?.name ?? '';
    expect(podName.startsWith(name)).toBe(true);
    expect(played.pods[0]?.containers).toEqual([`${podName}-httpd`]);

    const list = await service.requests['pods.list']({});
    if (!list.supported) throw new Error('podman answered as docker');
    expect(list.command).toBe('podman pod ls');
    const pod = list.pods.find((p) => p.name === podName);
    const cli = (await cliPods()).find((p) => p.Name === podName);
    expect(pod?.status).toBe('Running');
    expect(pod?.status).toBe(cli?.Status);
    expect(pod?.containers.map((c) => c.name).sort()).toEqual(cli?.Containers.map((c) => c.Names).sort());
    expect(pod?.containers.filter((c) => c.infra)).toHaveLength(1);
    expect(pod?.containers.find((c) => !c.infra)).toMatchObject({ name: `${podName}-httpd`, state: 'running' });
    expect(pod?.labels.app).toBe(name);
  });

  it('generates YAML that names the container and its image, from the pod or from its container', async () => {
    const podName = `${name}-pod-0`;
    const fromPod = await service.requests['pods.generate']({ target: { kind: 'pod', name: podName }, service: false });
    expect(fromPod.commands).toEqual([`podman kube generate ${podName}`]);
    expect(fromPod.yaml).toContain('kind: Pod');
    expect(fromPod.yaml).toContain(`name: ${podName}-httpd`);
    expect(fromPod.yaml).toContain(`image: localhost/${TEST_IMAGE}:latest`);
    // A container of a pod is generated through its pod (Podman refuses the container alone).
    const fromMember = await service.requests['pods.generate']({
      target: { kind: 'container', name: `${podName}-httpd` },
      service: true,
    });
    expect(fromMember.commands).toEqual([`podman kube generate --service ${podName}`]);
    expect(fromMember.yaml).toContain('kind: Service');
  });

  it('generates YAML from a plain container and from a compose project’s containers', async () => {
    const one = uniqueName('wharf-kube-ctr');
    const two = uniqueName('wharf-kube-ctr');
    const project = uniqueName('wharfkube');
    containers.push(one, two);
    for (const [ctr, svc] of [
      [one, 'web'],
      [two, 'db'],
    ] as const)
      await dockerCli(endpoint, [
        'run',
        '-d',
        '--name',
        ctr,
        '--label',
        `com.docker.compose.project=${project}`,
        '--label',
        `com.docker.compose.service=${svc}`,
        TEST_IMAGE,
        'sleep',
        '600',
      ]);
    const single = await service.requests['pods.generate']({
      target: { kind: 'container', name: one },
      service: false,
    });
    expect(single.commands).toEqual([`podman kube generate ${one}`]);
    expect(single.yaml).toContain(`name: ${one}`);
    const fromProject = await service.requests['pods.generate']({
      target: { kind: 'compose', project },
      service: false,
    });
    expect(fromProject.commands).toEqual([`podman kube generate ${[one, two].sort().join(' ')}`]);
    expect(fromProject.yaml).toContain(`name: ${one}`);
    expect(fromProject.yaml).toContain(`name: ${two}`);
  });

  it('refuses bad YAML with its line, and creates nothing', async () => {
    const before = (await cliPods()).length;
    const broken = yaml.replace('  replicas: 1\n', '  replicas: 1\n bad: [\n');
    const error = await caught(service.requests['pods.play']({ yaml: broken }));
    expect(error.code).toBe('invalid-input');
    expect(error.key).toBe('pods.badYaml');
    expect(error.params?.line).toBe('9');
    expect(error.message).toMatch(/^Line 9: /);
    const noImage = await caught(service.requests['pods.play']({ yaml: yaml.replace(/ {10}image: .*\n/, '') }));
    expect(noImage.params?.problemKey).toBe('noImage');
    expect((await cliPods()).length).toBe(before);
  });

  it('takes away what a refused play made (an image that is not there)', async () => {
    const before = (await cliPods()).map((p) => p.Name).sort();
    const other = deploymentYaml(`${name}-x`, port + 1).replace(`${TEST_IMAGE}:latest`, 'wharf-test/not-here:1');
    const error = await caught(service.requests['pods.play']({ yaml: other }));
    expect(error.key).toBe('pods.imageMissing');
    expect(error.params?.image).toBe('wharf-test/not-here:1');
    expect((await cliPods()).map((p) => p.Name).sort()).toEqual(before);
  });

  it('stops, starts and removes a pod, as podman pod stop/start/rm -f', async () => {
    // A pod made with `podman pod create`: one from kube play has the exit policy "stop", and
    // Podman 4.3 may stop such a pod again right after a start that follows its stop within a
    // moment (the late exit-policy check waits for the start's lock), which is Podman's race.
    const podName = `${name}-y`;
    await podman(endpoint, ['pod', 'create', '--name', podName]);
    await podman(endpoint, ['create', '--pod', podName, '--name', `${podName}-web`, TEST_IMAGE, 'sleep', '600']);
    await podman(endpoint, ['pod', 'start', podName]);
    expect(await states(podName)).toEqual(['up', 'up']);
    expect(await service.requests['pods.stop']({ name: podName })).toEqual({
      commands: [`podman pod stop ${podName}`],
    });
    expect(await states(podName)).toEqual(['exited', 'exited']);
    await service.requests['pods.start']({ name: podName });
    expect(await states(podName)).toEqual(['up', 'up']);
    expect(await service.requests['pods.remove']({ name: podName })).toEqual({
      commands: [`podman pod rm -f ${podName}`],
    });
    expect((await cliPods()).some((p) => p.Name === podName)).toBe(false);
    // The engine's 404, which the router turns into a not-found answer.
    await expect(service.requests['pods.stop']({ name: podName })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('kube down removes what play made, and nothing else', async () => {
    const others = (await cliPods()).map((p) => p.Name).filter((n) => !n.startsWith(`${name}-pod`));
    const down = await service.requests['pods.down']({ yaml, file: 'web.yaml' });
    expect(down.commands).toEqual(['podman kube down web.yaml']);
    expect(down.removed).toEqual([`${name}-pod-0`]);
    const after = (await cliPods()).map((p) => p.Name);
    expect(after.some((n) => n.startsWith(`${name}-pod`))).toBe(false);
    expect(after.filter((n) => others.includes(n)).sort()).toEqual([...others].sort());
    const left = await podman(endpoint, ['ps', '-a', '--filter', `name=${name}-pod`, '--format', '{{.Names}}']);
    expect(left.trim()).toBe('');
  });
});

describe.skipIf(!DOCKER)('pods on docker', () => {
  let engine: TestEngine;
  let service: ReturnType<typeof createPodsService>;
  beforeAll(async () => {
    engine = await createTestEngine(DOCKER ?? '');
    service = createPodsService(engine);
  });
  afterAll(() => engine.dispose());

  it('answers that pods need Podman or a cluster, and plays nothing', async () => {
    const list = await service.requests['pods.list']({});
    expect(list).toMatchObject({ supported: false, engine: 'docker', reason: { key: 'pods.needPodman' } });
    if (list.supported) return;
    expect(list.reason.message).toMatch(/Podman or a Kubernetes cluster/);
    const before = await dockerCli(DOCKER ?? '', ['ps', '-a', '-q']);
    const error = await caught(service.requests['pods.play']({ yaml: deploymentYaml('web', 8080) }));
    expect(error).toMatchObject({ code: 'unavailable', key: 'pods.needPodman' });
    expect(await dockerCli(DOCKER ?? '', ['ps', '-a', '-q'])).toBe(before);
    await expect(
      service.requests['pods.generate']({ target: { kind: 'pod', name: 'x' }, service: false }),
    ).rejects.toMatchObject({ key: 'pods.needPodman' });
  });
});
