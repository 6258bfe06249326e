// The test image: FROM scratch with Debian's static busybox, a full shell
// image built locally (nothing is pulled in tests) through Wharf's own build
// path (runtime/domains/images/build.ts).
import Docker from 'dockerode';
import { buildBusybox } from '../../runtime/test-support/test-image';

export const TEST_IMAGE = 'wharf-test/shell:latest';

export function dockerFor(endpoint: string): Docker {
  const url = new URL(endpoint);
  if (url.protocol !== 'unix:') throw new Error(`Test engines are reached over unix sockets, not ${endpoint}`);
  return new Docker({ socketPath: url.pathname });
}

export async function buildBusyboxImage(endpoint: string, tag = TEST_IMAGE): Promise<void> {
  const docker = dockerFor(endpoint);
  await buildBusybox(docker, tag);
  // Podman's compat build names an unqualified tag docker.io/<tag>, while
  // `podman load` and Podman's own build use localhost/<tag>: give the image
  // both names there, so tests may use either spelling.
  const version = (await docker.version()) as { Components?: { Name?: string }[] };
  const podman = version.Components?.some((c) => /podman/i.test(c.Name ?? '')) ?? false;
  if (podman && !tag.includes('.') && !tag.startsWith('localhost/')) {
    const [repo, version_ = 'latest'] = tag.split(':');
    await docker.getImage(tag).tag({ repo: `localhost/${repo}`, tag: version_ });
  }
}
