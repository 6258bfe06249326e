// The test image: FROM scratch with Debian's static busybox, a full shell
// image built locally (nothing is pulled in tests).
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';

export const TEST_IMAGE = 'wharf-test/busybox:latest';

const BUSYBOX = '/bin/busybox';

const DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL org.opencontainers.image.title="Wharf test image (static busybox)"
CMD ["/bin/sh"]
`;

export function dockerFor(endpoint: string): Docker {
  const url = new URL(endpoint);
  if (url.protocol !== 'unix:') throw new Error(`Test engines are reached over unix sockets, not ${endpoint}`);
  return new Docker({ socketPath: url.pathname });
}

export async function buildBusyboxImage(endpoint: string, tag = TEST_IMAGE): Promise<void> {
  const context = await mkdtemp(join(tmpdir(), 'wharf-image-'));
  try {
    await copyFile(BUSYBOX, join(context, 'busybox'));
    await writeFile(join(context, 'Dockerfile'), DOCKERFILE);
    const tar = spawn('tar', ['-C', context, '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const docker = dockerFor(endpoint);
    const stream = await docker.buildImage(tar.stdout, { t: tag, rm: true, forcerm: true });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
        const failed = error ?? output.find((o) => o.error);
        if (failed) reject(new Error(`Building ${tag} failed: ${failed instanceof Error ? failed.message : failed.error}`));
        else resolve();
      });
    });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
