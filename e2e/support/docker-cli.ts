// The docker CLI against a test engine: what a user would type, and the
// ground truth the tests compare the UI with. Everything a test creates gets
// a unique name and is removed by cleanup().
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { testImage } from './env';

const DOCKER = ['/usr/local/bin/docker', '/usr/bin/docker'].find((p) => existsSync(p)) ?? 'docker';

/** A command that exits on SIGTERM at once, so `docker stop` does not wait 10 s for PID 1. */
export const SLEEP_FOREVER = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];
/** A web server on port 80 that also exits on SIGTERM. */
export const HTTPD = ['sh', '-c', 'trap "exit 0" TERM; httpd -f -p 80 & wait'];

export interface PsEntry {
  name: string;
  state: string;
}

// `docker inspect` output is wide; tests read the few fields they need.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Inspect = any;

export class DockerCli {
  private readonly containers = new Set<string>();
  private readonly volumes = new Set<string>();
  private readonly images = new Set<string>();
  readonly suffix = randomBytes(3).toString('hex');

  constructor(readonly endpoint: string) {}

  /** Runs `docker <args>` and returns stdout (with `mergeStderr`, stderr too, as it came); rejects with stderr when it fails. */
  run(args: readonly string[], mergeStderr = false): Promise<string> {
    // One pipe for both: the order the CLI wrote them in is kept.
    const [file, argv] = mergeStderr ? ['sh', ['-c', 'exec "$0" "$@" 2>&1', DOCKER, ...args]] : [DOCKER, args];
    return new Promise((resolve, reject) => {
      execFile(
        file,
        argv,
        { env: { ...process.env, DOCKER_HOST: this.endpoint, DOCKER_CONTEXT: '' }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`docker ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
          else resolve(stdout);
        },
      );
    });
  }

  /** `docker logs <name> 2>&1`: stdout and stderr in the order the engine sends them. */
  logs(name: string): Promise<string> {
    return this.run(['logs', name], true);
  }

  /** Runs a whole command line (as a user pastes one, quotes and all) through sh, against this engine. */
  shell(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'sh',
        ['-c', line],
        { env: { ...process.env, DOCKER_HOST: this.endpoint, DOCKER_CONTEXT: '' } },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${line} failed: ${stderr.trim() || error.message}`));
          else resolve(stdout);
        },
      );
    });
  }

  /** A container name unique to this test, removed at cleanup. */
  name(prefix: string): string {
    const name = `e2e-${prefix}-${this.suffix}-${randomBytes(2).toString('hex')}`;
    this.containers.add(name);
    return name;
  }

  /** A volume name unique to this test, removed at cleanup. */
  volumeName(prefix: string): string {
    const name = `e2e-${prefix}-${this.suffix}-${randomBytes(2).toString('hex')}`;
    this.volumes.add(name);
    return name;
  }

  /** An image name (repository:tag) unique to this test, removed at cleanup. */
  imageName(prefix: string, tag = '1'): string {
    const name = `e2e/${prefix}-${this.suffix}-${randomBytes(2).toString('hex')}:${tag}`;
    this.images.add(name);
    return name;
  }

  /** Also removes this image (name or id) at cleanup. */
  trackImage(ref: string): void {
    this.images.add(ref);
  }

  /** `docker build -t <tag> -` from a Dockerfile's text (no context); returns the image id. */
  async buildImage(tag: string, dockerfile: string): Promise<string> {
    this.images.add(tag);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(DOCKER, ['build', '-q', '-t', tag, '-'], {
        env: { ...process.env, DOCKER_HOST: this.endpoint, DOCKER_CONTEXT: '' },
      });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.stdout.resume();
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker build failed: ${err.trim()}`))));
      child.stdin.end(dockerfile);
    });
    return (await this.inspectImage(tag)).Id as string;
  }

  /** True when the engine has an image by this name or id. */
  async hasImage(ref: string): Promise<boolean> {
    try {
      await this.inspectImage(ref);
      return true;
    } catch (error) {
      if (error instanceof Error && /no such/i.test(error.message)) return false;
      throw error;
    }
  }

  /** Also removes this volume at cleanup (anonymous volumes a test made). */
  trackVolume(name: string): void {
    this.volumes.add(name);
  }

  /** `docker run -d --name <name> [options] <image> [command]` */
  async runDetached(name: string, options: readonly string[] = [], command: readonly string[] = SLEEP_FOREVER) {
    await this.run(['run', '-d', '--name', name, ...options, testImage(), ...command]);
  }

  /** `docker create --name <name> [options] <image> [command]` */
  async create(name: string, options: readonly string[] = [], command: readonly string[] = SLEEP_FOREVER) {
    await this.run(['create', '--name', name, ...options, testImage(), ...command]);
  }

  async inspect(name: string): Promise<Inspect> {
    const parsed = JSON.parse(await this.run(['inspect', '--type', 'container', name])) as Inspect[];
    return parsed[0];
  }

  async inspectImage(name: string): Promise<Inspect> {
    const parsed = JSON.parse(await this.run(['image', 'inspect', name])) as Inspect[];
    return parsed[0];
  }

  /** State.Status from `docker inspect`, or "missing" when there is no such container. */
  async state(name: string): Promise<string> {
    try {
      return (await this.inspect(name)).State.Status as string;
    } catch (error) {
      if (error instanceof Error && /no such/i.test(error.message)) return 'missing';
      throw error;
    }
  }

  /** Every container, as `docker ps -a` lists it. */
  async ps(): Promise<PsEntry[]> {
    // Wharf's own volume helpers are not listed by Wharf; leave them out here too.
    const out = await this.run(['ps', '-a', '--no-trunc', '--format', '{{json .}}']);
    return out
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { Names: string; State: string; Labels?: string })
      .filter((c) => !(c.Labels ?? '').split(',').some((l) => l.startsWith('io.wharf.helper=')))
      .map((c) => ({ name: c.Names, state: c.State }));
  }

  /** Names of the containers whose image is exactly this image id. */
  async containersUsing(imageId: string): Promise<string[]> {
    const ids = (await this.run(['ps', '-aq', '--no-trunc'])).split('\n').filter((id) => id !== '');
    if (ids.length === 0) return [];
    // A container removed between the two calls makes inspect fail for it; list again then.
    const out = await this.run(['inspect', '--type', 'container', '--format', '{{.Name}} {{.Image}}', ...ids]);
    return out
      .split('\n')
      .map((line) => line.trim().split(' '))
      .filter(([, image]) => image === imageId)
      .map(([name]) => (name ?? '').replace(/^\//, ''));
  }

  async volumeNames(): Promise<string[]> {
    const out = await this.run(['volume', 'ls', '-q']);
    return out.split('\n').filter((line) => line !== '');
  }

  async serverVersion(): Promise<{ version: string; apiVersion: string }> {
    const out = await this.run(['version', '--format', '{{json .Server}}']);
    const server = JSON.parse(out) as { Version: string; ApiVersion: string };
    return { version: server.Version, apiVersion: server.ApiVersion };
  }

  /** Removes every container and volume this test named; never fails the test. */
  async cleanup(): Promise<void> {
    const containers = [...this.containers];
    this.containers.clear();
    if (containers.length > 0) {
      // Anonymous volumes of these containers go too (-v).
      await this.run(['rm', '-f', '-v', ...containers]).catch(() => undefined);
    }
    for (const volume of this.volumes) await this.run(['volume', 'rm', '-f', volume]).catch(() => undefined);
    this.volumes.clear();
    for (const image of this.images) await this.run(['rmi', '-f', image]).catch(() => undefined);
    this.images.clear();
  }
}
