// Test support: an image tagged `registry:2` made offline from Debian's
// docker-registry binary (with the C library it links), so the registry
// lesson's own `docker run … registry:2` runs on the test engine without a
// pull. Like the real image, it serves without auth on :5000 and keeps its
// data in an anonymous volume at /var/lib/registry.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerCli } from './test-engine';

export const REGISTRY_IMAGE = 'registry:2';

const FILES: Record<string, string> = {
  registry: '/usr/bin/docker-registry',
  'libc.so.6': '/lib/x86_64-linux-gnu/libc.so.6',
  'ld.so': '/lib64/ld-linux-x86-64.so.2',
};

const DOCKERFILE = `FROM busybox:latest
COPY registry /bin/registry
COPY libc.so.6 /lib/x86_64-linux-gnu/libc.so.6
COPY ld.so /lib64/ld-linux-x86-64.so.2
COPY config.yml /etc/docker/registry/config.yml
VOLUME /var/lib/registry
EXPOSE 5000
CMD ["/bin/registry", "serve", "/etc/docker/registry/config.yml"]
`;

const CONFIG = `version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
`;

/** Builds `registry:2` on the engine (which must have busybox:latest); resolves with what removes it again. */
export async function buildRegistryImage(endpoint: string): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-registry-image-'));
  try {
    for (const [name, from] of Object.entries(FILES)) copyFileSync(from, join(dir, name));
    writeFileSync(join(dir, 'config.yml'), CONFIG);
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    await dockerCli(endpoint, ['build', '-q', '-t', REGISTRY_IMAGE, dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return async () => {
    await dockerCli(endpoint, ['rmi', REGISTRY_IMAGE]);
  };
}
