// The test image: FROM scratch with Debian's static busybox, a full shell
// image built locally (nothing is pulled in tests) through Wharf's own build
// path (runtime/services/image-build.ts).
import Docker from 'dockerode';
import { buildBusybox } from '../../runtime/services/test-image';

export const TEST_IMAGE = 'wharf-test/busybox:latest';

export function dockerFor(endpoint: string): Docker {
  const url = new URL(endpoint);
  if (url.protocol !== 'unix:') throw new Error(`Test engines are reached over unix sockets, not ${endpoint}`);
  return new Docker({ socketPath: url.pathname });
}

export async function buildBusyboxImage(endpoint: string, tag = TEST_IMAGE): Promise<void> {
  await buildBusybox(dockerFor(endpoint), tag);
}
