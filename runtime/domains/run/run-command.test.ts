import { describe, expect, it } from 'vitest';
import type { RunForm } from './types';
import { RunParseError, emptyRunForm, parseRunCommand, runArgv, runCommand } from './run-command';
import { durationNanos, envEntryProblem, memoryBytes, parseEnvFile } from './flag-values';
import { DOCKER_CLI_FLAGS } from '../../api/docker-cli-flags';
import { splitShellWords } from '../../api/shell-words';

const form = (patch: Partial<RunForm>): RunForm => ({ ...emptyRunForm('nginx'), ...patch });

describe('runCommand', () => {
  it('a bare form is docker run -d IMAGE', () => {
    expect(runCommand(form({}))).toBe('docker run -d nginx');
  });

  it('spells every field the way docker takes it', () => {
    const line = runCommand(
      form({
        name: 'web',
        interactive: true,
        tty: true,
        remove: true,
        ports: [
          { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'udp' },
          { hostPort: 8443, containerPort: 443, protocol: 'tcp' },
          { containerPort: 9000, protocol: 'tcp' },
          { hostIp: '::1', hostPort: 5353, containerPort: 53, protocol: 'tcp' },
        ],
        env: ['A=1', 'B'],
        volumes: [
          { type: 'volume', source: 'vol', target: '/data', readOnly: true },
          { type: 'bind', source: '/srv/site', target: '/usr/share/nginx/html', readOnly: false, syntax: 'mount' },
          { type: 'tmpfs', target: '/tmp', readOnly: false },
        ],
        network: 'backend',
        restart: 'unless-stopped',
        cpus: 1.5,
        memory: '512m',
        command: ['nginx', '-g', 'daemon off;'],
      }),
    );
    expect(line).toBe(
      "docker run -d -it --rm --name web -p 127.0.0.1:8080:80/udp -p 8443:443 -p 9000 -p '[::1]:5353:53' -e A=1 -e B " +
        '-v vol:/data:ro --mount type=bind,source=/srv/site,target=/usr/share/nginx/html --mount type=tmpfs,target=/tmp ' +
        "--network backend --restart unless-stopped --cpus 1.5 -m 512m nginx nginx -g 'daemon off;'",
    );
  });

  it('quotes spaces, quotes and $ so the shell passes them through unchanged', () => {
    const f = form({
      env: ['GREETING=hello world', `QUOTE=it's "x"`, 'PRICE=$5'],
      command: ['sh', '-c', 'echo $HOME'],
    });
    const line = runCommand(f);
    expect(line).toContain(`-e 'GREETING=hello world'`);
    expect(line).toContain(`-e 'QUOTE=it'\\''s "x"'`);
    expect(line).toContain(`-e 'PRICE=$5'`);
    expect(line).toContain(`sh -c 'echo $HOME'`);
    expect(splitShellWords(line).words).toEqual(runArgv(f));
  });

  it('on-failure carries its retry count; "no" adds nothing', () => {
    expect(runCommand(form({ restart: 'on-failure', restartMaxRetries: 3 }))).toBe(
      'docker run -d --restart on-failure:3 nginx',
    );
    expect(runCommand(form({ restart: 'no' }))).toBe('docker run -d nginx');
  });

  it('an empty entrypoint clears the image one', () => {
    expect(runCommand(form({ entrypoint: '' }))).toBe("docker run -d --entrypoint '' nginx");
  });

  it('uses only flags the docker CLI documents for run', () => {
    const argv = runArgv(
      form({
        name: 'a',
        hostname: 'h',
        user: 'u',
        workdir: '/w',
        interactive: true,
        ports: [{ containerPort: 1, protocol: 'tcp' }],
        env: ['A=1'],
        network: 'n',
        restart: 'always',
        cpus: 1,
        memory: '1g',
        entrypoint: 'sh',
        volumes: [
          { type: 'volume', target: '/x', readOnly: false },
          { type: 'tmpfs', target: '/t', readOnly: false },
        ],
      }),
    );
    const flags = argv
      .filter((w) => w.startsWith('-'))
      .flatMap((w) => (/^-[a-z]{2,}$/.test(w) ? [...w.slice(1)].map((c) => `-${c}`) : [w]));
    for (const flag of flags) expect(DOCKER_CLI_FLAGS.run).toContain(flag);
  });
});

describe('parseRunCommand', () => {
  it('reads ports with address and protocol', () => {
    const { form: f } = parseRunCommand('docker run -p 127.0.0.1:8080:80/udp -p 8080:80 -p 80 -p 127.0.0.1::53 nginx');
    expect(f.ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'udp' },
      { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
      { containerPort: 80, protocol: 'tcp' },
      { hostIp: '127.0.0.1', containerPort: 53, protocol: 'tcp' },
    ]);
  });

  it('reads -e A=1 --env B --env=C=x -eD=2', () => {
    expect(parseRunCommand('docker run -e A=1 --env B --env=C=x -eD=2 img').form.env).toEqual([
      'A=1',
      'B',
      'C=x',
      'D=2',
    ]);
  });

  it('reads -v volumes and binds, and --mount', () => {
    const { form: f } = parseRunCommand(
      'docker run -v vol:/data:ro -v /host/dir:/srv -v ./rel:/rel:rw -v /anon --mount type=bind,source=/a,target=/b,readonly --mount type=volume,src=v2,dst=/c --mount type=tmpfs,target=/t img',
    );
    expect(f.volumes).toEqual([
      { type: 'volume', source: 'vol', target: '/data', readOnly: true, syntax: 'volume' },
      { type: 'bind', source: '/host/dir', target: '/srv', readOnly: false, syntax: 'volume' },
      { type: 'bind', source: './rel', target: '/rel', readOnly: false, syntax: 'volume' },
      { type: 'volume', target: '/anon', readOnly: false, syntax: 'volume' },
      { type: 'bind', source: '/a', target: '/b', readOnly: true, syntax: 'mount' },
      { type: 'volume', source: 'v2', target: '/c', readOnly: false, syntax: 'mount' },
      { type: 'tmpfs', target: '/t', readOnly: false, syntax: 'mount' },
    ]);
  });

  it('reads restart, cpus, memory, network, name, entrypoint and the command', () => {
    const { form: f, unsupported } = parseRunCommand(
      "docker run --restart unless-stopped --cpus 1.5 -m 512m --net=front --name=web --entrypoint /bin/sh img -c 'echo hi'",
    );
    expect(unsupported).toEqual([]);
    expect(f).toMatchObject({
      restart: 'unless-stopped',
      cpus: 1.5,
      memory: '512m',
      network: 'front',
      name: 'web',
      entrypoint: '/bin/sh',
      image: 'img',
      command: ['-c', 'echo hi'],
    });
    expect(parseRunCommand('docker run --restart=on-failure:5 img').form).toMatchObject({
      restart: 'on-failure',
      restartMaxRetries: 5,
    });
  });

  it('reads booleans given a value: --rm=false, --tty=true', () => {
    const { form } = parseRunCommand('docker run --rm=false --tty=true --interactive=false --detach=true img');
    expect([form.remove, form.tty, form.interactive, form.detach]).toEqual([false, true, false, true]);
  });

  it('reads combined short flags', () => {
    expect(parseRunCommand('docker run -dit --rm alpine sh').form).toMatchObject({
      detach: true,
      interactive: true,
      tty: true,
      remove: true,
      image: 'alpine',
      command: ['sh'],
    });
  });

  it('names flags it does not support, with their values, and still finds the image', () => {
    const result = parseRunCommand(
      'docker run --privileged --cap-add NET_ADMIN -l a=b --log-opt max-size=10m -P --gpus=all -p 8000-8010:8000-8010 --restart=sometimes -v a:/b:z img arg',
    );
    expect(result.unsupported).toEqual([
      { flag: '--privileged' },
      { flag: '--cap-add', value: 'NET_ADMIN' },
      { flag: '--log-opt', value: 'max-size=10m' },
      { flag: '-P' },
      { flag: '--gpus', value: 'all' },
      { flag: '-p', value: '8000-8010:8000-8010' },
      { flag: '--restart', value: 'sometimes' },
      { flag: '-v', value: 'a:/b:z' },
    ]);
    expect(result.form.image).toBe('img');
    expect(result.form.command).toEqual(['arg']);
    // Labels are the form's: -l a=b is kept, not named.
    expect(result.form.labels).toEqual(['a=b']);
  });

  it('accepts docker container run, sudo, line continuations and a trailing comment', () => {
    const { form: f } = parseRunCommand('sudo docker container run \\\n  -d \\\n  --name x \\\n  img # the web');
    expect(f).toMatchObject({ detach: true, name: 'x', image: 'img', command: [] });
  });

  it('keeps $VAR as written and says so; names an invalid env entry', () => {
    const r = parseRunCommand('docker run -e HOME=$HOME -e "1BAD=x" img');
    expect(r.form.env).toEqual(['HOME=$HOME', '1BAD=x']);
    expect(r.problems.join('\n')).toMatch(/\$HOME is kept as written/);
    expect(r.problems.join('\n')).toMatch(/1BAD/);
  });

  it('refuses what is not docker run', () => {
    expect(() => parseRunCommand('docker ps -a')).toThrow(RunParseError);
    expect(() => parseRunCommand('ls -l')).toThrow(RunParseError);
    expect(() => parseRunCommand('docker run -d')).toThrow(/no image/);
    expect(() => parseRunCommand("docker run 'unclosed")).toThrow(RunParseError);
  });

  it('stops at a pipe or && and says the rest is left out', () => {
    const r = parseRunCommand('docker run img echo hi && echo done');
    expect(r.form.command).toEqual(['echo', 'hi']);
    expect(r.problems[0]).toMatch(/Only the first command/);
  });
});

describe('round trip', () => {
  // Real commands as people write them (READMEs, tutorials), each already in
  // the form's spelling, so build(parse(x)) must give back x exactly.
  const canonical = [
    'docker run -d nginx',
    'docker run -d --name web -p 8080:80 nginx',
    'docker run -d -p 127.0.0.1:8080:80/udp busybox',
    'docker run -it --rm alpine sh -c \'echo "$HOME"\'',
    'docker run -d --name db -p 5432:5432 -e POSTGRES_PASSWORD=secret -e POSTGRES_USER=app -v pgdata:/var/lib/postgresql/data --restart unless-stopped postgres:16',
    'docker run -d --name redis -p 127.0.0.1:6379:6379 --restart always --cpus 1.5 -m 512m redis:7-alpine redis-server --appendonly yes',
    "docker run -d -e 'MSG=hello world' -e 'Q=it'\\''s' -v /srv/site:/usr/share/nginx/html:ro nginx",
    'docker run -d -w /app --mount type=bind,source=/home/me/app,target=/app,readonly --mount type=tmpfs,target=/run node:20 npm start',
    'docker run -d --hostname api -u 1000:1000 --network backend --restart on-failure:3 api:latest',
    "docker run -d --entrypoint '' busybox ls /",
    "docker run -d -p '[::1]:8080:80' nginx",
    'docker run -it --rm -v vol:/data:ro busybox',
    'docker run --rm -e A -e B=2 busybox env',
    'docker run -d --mount \'type=bind,"source=/a,b",target=/c\' busybox',
    "docker run -d --name web --health-cmd 'curl -f http://localhost/ || exit 1' --health-interval 30s --health-timeout 5s --health-start-period 1m30s --health-retries 3 nginx",
    'docker run -d --health-interval 10s busybox',
  ];
  it.each(canonical)('%s', (line) => {
    const parsed = parseRunCommand(line);
    expect(parsed.unsupported).toEqual([]);
    expect(runCommand(parsed.form)).toBe(line);
  });

  // Other spellings of the same thing: parse(build(parse(x))) equals parse(x).
  const spellings = [
    'docker run --detach --interactive --tty --publish=8080:80 --env=A=1 --volume=v:/d nginx',
    'docker run -d --net=host --memory=1g --cpus=0.5 --restart=always alpine',
    'docker container run -dit -eX=1 -p80:80 nginx',
    'docker run -d --name \'my app\' -e "PATHS=/a b/c" busybox sh -c "echo \\"hi\\" \\$X"',
  ];
  it.each(spellings)('%s', (line) => {
    const first = parseRunCommand(line).form;
    expect(parseRunCommand(runCommand(first)).form).toEqual(first);
  });
});

describe('env helpers', () => {
  it('validates KEY=value', () => {
    expect(envEntryProblem('A=1')).toBeUndefined();
    expect(envEntryProblem('A')).toBeUndefined();
    expect(envEntryProblem('A=')).toBeUndefined();
    expect(envEntryProblem('=1')).toMatch(/name/);
    expect(envEntryProblem('MY VAR=1')).toMatch(/space/);
    expect(envEntryProblem('9X=1')).toMatch(/not a variable name/);
  });

  it('reads an env file the way --env-file does', () => {
    const { env, errors } = parseEnvFile('# comment\n\nA=1\nexport B="two"\r\nC\n  D=x y\nbad key=1\n');
    expect(env).toEqual(['A=1', 'B="two"', 'C', 'D=x y']);
    expect(errors).toEqual([{ line: 7, message: expect.stringMatching(/space/) }]);
  });

  it('memory sizes', () => {
    expect(memoryBytes('512m')).toBe(512 * 1024 * 1024);
    expect(memoryBytes('1g')).toBe(1024 ** 3);
    expect(memoryBytes('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(memoryBytes('1048576')).toBe(1048576);
    expect(memoryBytes('lots')).toBeUndefined();
  });
});

describe('health check flags', () => {
  it('builds --health-* in the order docker documents them', () => {
    expect(runCommand(form({ health: { cmd: 'pg_isready', interval: '5s', retries: 5 } }))).toBe(
      'docker run -d --health-cmd pg_isready --health-interval 5s --health-retries 5 nginx',
    );
  });

  it('parses a pasted command with every health flag, = or not', () => {
    const parsed = parseRunCommand(
      "docker run -d --health-cmd='wget -q -O- localhost' --health-interval=2s --health-timeout 1s --health-start-period=10s --health-retries 2 nginx",
    );
    expect(parsed.unsupported).toEqual([]);
    expect(parsed.form.health).toEqual({
      cmd: 'wget -q -O- localhost',
      interval: '2s',
      timeout: '1s',
      startPeriod: '10s',
      retries: 2,
    });
  });

  it('names a bad duration or retry count as unsupported instead of guessing', () => {
    const parsed = parseRunCommand(
      'docker run --health-interval 5 --health-retries many --health-start-interval 1s nginx',
    );
    expect(parsed.unsupported).toEqual([
      { flag: '--health-interval', value: '5' },
      { flag: '--health-retries', value: 'many' },
      { flag: '--health-start-interval', value: '1s' },
    ]);
    expect(parsed.form.health).toBeUndefined();
  });

  it('reads Go durations as nanoseconds', () => {
    expect(durationNanos('30s')).toBe(30e9);
    expect(durationNanos('1m30s')).toBe(90e9);
    expect(durationNanos('500ms')).toBe(5e8);
    expect(durationNanos('1.5h')).toBe(5400e9);
    expect(durationNanos('30')).toBeUndefined();
    expect(durationNanos('')).toBeUndefined();
  });
});
