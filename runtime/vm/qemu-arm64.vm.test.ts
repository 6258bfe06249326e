// The arm64 guest image (what Apple silicon's HVF and arm64 Linux's KVM run)
// booted by the QEMU driver: on an x86-64 host that is qemu-system-aarch64
// under TCG emulation, so the image build (its packages are set up inside an
// emulated VM) and the boot take far longer than CI's budget. Opt-in:
//   WHARF_VM_ARM64=1 npx vitest run --project vm runtime/vm/qemu-arm64.vm.test.ts
// (or WHARF_VM_ARM64=1 in `npm test`'s vm step). WHARF_VM_ARM64_IMAGE=<folder>
// uses a prebuilt arm64 image instead of the cached build of native/vm/arm64.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testVmImage, vmArm64Unavailable } from '../../scripts/test-support/vm';
import { readImage, type VmImage } from './image';
import { createQemuDriver } from './qemu';
import { qemuPaths } from './qemu-paths';
import type { VmDriver } from './types';

const unavailable = vmArm64Unavailable();
const IMPORTED = 'wharf-test/busybox-arm64:latest';

/** A tar holding Debian's arm64 busybox-static as /bin/busybox, taken from the image's own initrd. */
function busyboxTar(image: VmImage, dir: string): string {
  mkdirSync(join(dir, 'rootfs', 'bin'), { recursive: true });
  const busybox = join(dir, 'rootfs', 'bin', 'busybox');
  const out = spawnSync('sh', [
    '-c',
    `gzip -dc "$1" | cpio -i --quiet --to-stdout bin/busybox > "$2" && chmod 755 "$2"`,
    'sh',
    image.initrd,
    busybox,
  ]);
  if (out.status !== 0) throw new Error(`Could not take busybox from ${image.initrd}: ${out.stderr.toString()}`);
  const tar = join(dir, 'busybox-arm64.tar');
  const made = spawnSync('tar', ['-C', join(dir, 'rootfs'), '--owner=0', '--group=0', '-cf', tar, 'bin']);
  if (made.status !== 0) throw new Error(`tar failed: ${made.stderr.toString()}`);
  return tar;
}

describe.skipIf(unavailable !== undefined)(
  `QEMU driver, arm64 guest${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let image: VmImage;
    let dir: string;
    let shared: string;
    let driver: VmDriver;
    const logged: string[] = [];
    const docker = () => new Docker({ socketPath: new URL(driver.socket()).pathname });

    beforeAll(async () => {
      const prebuilt = process.env.WHARF_VM_ARM64_IMAGE;
      const found = prebuilt ? readImage(prebuilt) : await testVmImage((line) => console.log(line), 'arm64');
      if (!found) throw new Error(`WHARF_VM_ARM64_IMAGE=${prebuilt} holds no whole image.`);
      image = found;
      dir = mkdtempSync(join(tmpdir(), 'wharf-vm-arm64-'));
      shared = mkdtempSync(join(tmpdir(), 'wharf-vm-arm64-share-'));
      writeFileSync(join(shared, 'hello.txt'), 'from the host\n');
      driver = createQemuDriver({
        dir: join(dir, 'vm'),
        image,
        resources: { cpus: 2, memoryMiB: 1024, diskGiB: 8 },
        shares: [{ hostPath: shared }],
        network: 'restricted',
        readyTimeoutMs: 1_800_000,
        log: (m) => logged.push(m),
      });
    }, 4 * 3_600_000);

    afterAll(async () => {
      await driver?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (shared) rmSync(shared, { recursive: true, force: true });
    }, 120_000);

    it('is an arm64 image', () => {
      expect(image.arch).toBe('arm64');
      expect(image.kernelVersion).toMatch(/-arm64$/);
    });

    it('boots on QEMU’s virt machine and the engine answers on the forwarded socket: an arm64 engine', async () => {
      await driver.start();
      const status = driver.status();
      expect(status.phase).toBe('running');
      const qemu = logged.find((m) => m.startsWith('vm: qemu-system-')) ?? '';
      expect(qemu).toMatch(/^vm: qemu-system-aarch64 /);
      expect(qemu).toContain('-machine virt,highmem=on');
      expect(qemu).toContain('console=ttyAMA0');
      if (process.arch !== 'arm64') expect(qemu).toContain('-accel tcg');
      const version = (await docker().version()) as { Arch: string; Os: string; Version: string };
      expect(version.Os).toBe('linux');
      expect(version.Arch).toBe('arm64');
      const info = (await docker().info()) as { Name: string; OperatingSystem: string; Architecture: string };
      expect(info.Name).toBe('wharf-vm');
      expect(info.OperatingSystem).toMatch(/Debian/);
      expect(info.Architecture).toBe('aarch64');
      const console_ = readFileSync(qemuPaths(join(dir, 'vm')).console, 'utf8');
      expect(console_).toContain('wharf-guest: engine socket ready');
      expect(console_).toContain('Machine model: linux,dummy-virt');
      console.log(`arm64 guest: engine ready in ${status.readyMs} ms (${status.accel})`);
    }, 1_800_000);

    it('runs an arm64 container: Debian’s busybox-static, imported; it reads and writes a folder shared from the host (9p)', async () => {
      const tar = busyboxTar(image, dir);
      const stream = await docker().importImage(createReadStream(tar), { repo: IMPORTED.split(':')[0], tag: 'latest' });
      await new Promise<void>((resolve, reject) =>
        docker().modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve())),
      );
      const container = await docker().createContainer({
        Image: IMPORTED,
        Cmd: [
          '/bin/busybox',
          'sh',
          '-c',
          'busybox uname -m; busybox cat /data/hello.txt && busybox echo from the arm64 vm > /data/back.txt',
        ],
        HostConfig: { Binds: [`${shared}:/data`] },
      });
      try {
        await container.start();
        const result = (await container.wait()) as { StatusCode: number };
        const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
        expect(logs).toContain('aarch64');
        expect(logs).toContain('from the host');
        expect(result.StatusCode).toBe(0);
        expect(readFileSync(join(shared, 'back.txt'), 'utf8')).toBe('from the arm64 vm\n');
      } finally {
        await container.remove({ force: true });
      }
    }, 600_000);

    it('stops: the guest powers off, QEMU exits, the socket is gone', async () => {
      const pid = Number(readFileSync(qemuPaths(join(dir, 'vm')).pid, 'utf8'));
      await driver.stop();
      expect(driver.status().phase).toBe('stopped');
      expect(existsSync(new URL(driver.socket()).pathname)).toBe(false);
      expect(() => process.kill(pid, 0)).toThrow();
      expect(driver.logs()).toContain('wharf-guest: power off');
    }, 120_000);
  },
);
