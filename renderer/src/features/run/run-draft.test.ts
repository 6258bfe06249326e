import { describe, expect, it } from 'vitest';
import { emptyDraft, emptyPort, emptyVolume, fromRunForm, takenPorts, toRunForm } from './run-draft';

describe('the run form draft', () => {
  it('turns a filled draft into the RunForm the runtime takes, and back', () => {
    const draft = {
      ...emptyDraft('wharf-test/busybox:latest'),
      name: 'web',
      command: `sh -c 'echo "hi there" && sleep 1'`,
      ports: [{ ...emptyPort(), hostPort: '8080', containerPort: '80' }],
      env: ['A=1', '', 'B=two words'],
      volumes: [{ ...emptyVolume(), source: 'data', target: '/data' }],
      restart: 'on-failure' as const,
      restartMaxRetries: '3',
      memory: '64m',
      cpus: '0.5',
    };
    const { form, problems } = toRunForm(draft);
    expect(problems).toEqual({});
    expect(form).toEqual({
      image: 'wharf-test/busybox:latest',
      name: 'web',
      command: ['sh', '-c', 'echo "hi there" && sleep 1'],
      ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      env: ['A=1', 'B=two words'],
      volumes: [{ type: 'volume', source: 'data', target: '/data', readOnly: false }],
      restart: 'on-failure',
      restartMaxRetries: 3,
      interactive: false,
      tty: false,
      remove: false,
      detach: true,
      cpus: 0.5,
      memory: '64m',
    });
    expect(toRunForm(fromRunForm(form)).form).toEqual(form);
  });

  it('names each bad field', () => {
    const { problems } = toRunForm({
      ...emptyDraft(''),
      name: 'bad name',
      command: `echo 'open`,
      ports: [
        { ...emptyPort(), hostPort: '70000', containerPort: '' },
        { ...emptyPort(), hostIp: '1.2.3', hostPort: '8080', containerPort: '80' },
        { ...emptyPort(), hostIp: '1.2.3', hostPort: '8080', containerPort: '81' },
      ],
      env: ['NOEQUALS', '1X=1', 'MY VAR=1', '=x'],
      volumes: [{ type: 'bind', source: 'relative', target: 'data', readOnly: false }],
      restart: 'always',
      remove: true,
      memory: '12 apples',
      cpus: '-1',
    });
    expect(Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v.key]))).toEqual({
      image: 'imageMissing',
      name: 'nameBad',
      command: 'quoteSingle',
      'ports.0.containerPort': 'portMissing',
      'ports.0.hostPort': 'portBad',
      'ports.1.hostIp': 'ipBad',
      'ports.2.hostIp': 'ipBad',
      'ports.2.hostPort': 'portTwice',
      'env.0': 'envNoEquals',
      'env.1': 'envBadName',
      'env.2': 'envSpace',
      'env.3': 'envNoName',
      'volumes.0.source': 'bindAbsolute',
      'volumes.0.target': 'targetAbsolute',
      remove: 'removeWithRestart',
      memory: 'memoryBad',
      cpus: 'cpusBad',
    });
  });

  it('finds a host port a running container publishes', () => {
    const containers = [
      { name: 'web', state: 'running', ports: [{ ip: '0.0.0.0', publicPort: 8080, type: 'tcp' }] },
      { name: 'old', state: 'exited', ports: [{ ip: '127.0.0.1', publicPort: 9090, type: 'tcp' }] },
    ];
    const ports = [
      { ...emptyPort(), hostPort: '8080', containerPort: '80' },
      { ...emptyPort(), hostPort: '9090', containerPort: '80' },
      { ...emptyPort(), hostPort: '8080', containerPort: '80', protocol: 'udp' as const },
    ];
    expect(takenPorts(ports, containers)).toEqual({ 'ports.0.hostPort': 'web' });
  });
});

describe('the command field', () => {
  it('is read as shell words and written back with quoting', () => {
    const { form, problems } = toRunForm({ ...emptyDraft('nginx'), command: `sh -c "echo \\"a b\\"" 'x y' z\\ w` });
    expect(problems).toEqual({});
    expect(form.command).toEqual(['sh', '-c', 'echo "a b"', 'x y', 'z w']);
    const command = ['sh', '-c', `it's "quoted" $HOME`, ''];
    expect(toRunForm(fromRunForm({ ...form, command })).form.command).toEqual(command);
  });

  it('names an unclosed quote, and what a shell would run apart from docker run', () => {
    expect(toRunForm({ ...emptyDraft('nginx'), command: `echo "open` }).problems.command).toEqual({
      key: 'quoteDouble',
    });
    expect(toRunForm({ ...emptyDraft('nginx'), command: `echo a; rm -rf x` }).problems.command).toEqual({
      key: 'commandRest',
      params: { rest: '; rm -rf x' },
    });
    expect(toRunForm({ ...emptyDraft('nginx'), command: `echo 'a; b'` }).problems).toEqual({});
  });
});
