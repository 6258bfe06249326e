// The benchmark's data, made through the Engine API in parallel batches:
// containers from the busybox test image, tiny distinct images (`docker
// import` of a one-file tar each), and volumes. Everything carries the label
// io.wharf.bench so it can be told apart and removed.
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { mapLimit } from '../../runtime/domains/containers/map-limit';

export const BENCH_LABEL = 'io.wharf.bench';
const CONCURRENCY = 8;

/** A command that sleeps and still stops at once on SIGTERM (a plain `sleep` as PID 1 ignores it). */
export const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; sleep 1d & wait'];

export interface ContainerSpec {
  name: string;
  cmd: string[];
  /** Labels besides io.wharf.bench (the compose ones, for projects). */
  labels?: Record<string, string>;
}

export async function createContainers(
  docker: Docker,
  image: string,
  specs: readonly ContainerSpec[],
): Promise<string[]> {
  return mapLimit(specs, CONCURRENCY, async (spec) => {
    const c = await docker.createContainer({
      name: spec.name,
      Image: image,
      Cmd: spec.cmd,
      Labels: { ...spec.labels, [BENCH_LABEL]: '1' },
      // No network: the benchmark measures Wharf, not the engine's bridge setup.
      HostConfig: { NetworkMode: 'none' },
    });
    return c.id;
  });
}

/** `projects` compose projects of `perProject` containers each, labelled as the compose tool labels them. */
export function composeSpecs(prefix: string, projects: number, perProject: number): ContainerSpec[] {
  return Array.from({ length: projects * perProject }, (_, i) => {
    const project = `${prefix}-p${Math.floor(i / perProject)}`;
    const n = (i % perProject) + 1;
    return {
      name: `${project}-web-${n}`,
      cmd: ['true'],
      labels: {
        'com.docker.compose.project': project,
        'com.docker.compose.service': 'web',
        'com.docker.compose.container-number': String(n),
        'com.docker.compose.oneoff': 'False',
      },
    };
  });
}

export async function removeContainers(docker: Docker, ids: readonly string[]): Promise<void> {
  await mapLimit(ids, CONCURRENCY, (id) => docker.getContainer(id).remove({ force: true }));
}

export async function startContainers(docker: Docker, ids: readonly string[]): Promise<void> {
  await mapLimit(ids, CONCURRENCY, (id) => docker.getContainer(id).start());
}

export async function createVolumes(docker: Docker, prefix: string, count: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  await mapLimit(names, CONCURRENCY, (name) => docker.createVolume({ Name: name, Labels: { [BENCH_LABEL]: '1' } }));
}

/** `count` distinct images, each a one-file layer, tagged <repo>:<n>. */
export async function importImages(docker: Docker, repo: string, count: number): Promise<void> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  await mapLimit(indexes, 4, async (i) => {
    const tar = oneFileTar(`n${i}`, `${i}\n`);
    const stream = await docker.importImage(Readable.from([tar]), {
      repo,
      tag: String(i),
    });
    await new Promise<void>((done, fail) => {
      stream.on('end', done);
      stream.on('error', fail);
      stream.resume();
    });
  });
}

/** A POSIX tar archive holding one small file. */
function oneFileTar(name: string, content: string): Buffer {
  const body = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
  );
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, pad, Buffer.alloc(1024)]);
}
