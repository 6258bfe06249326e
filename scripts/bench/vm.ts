// Engine VM benchmark: cold start (a new VM from the cached guest image: disk,
// boot, engine answering through the forwarded socket) and the VM's idle CPU
// over 60 s with the engine running and no containers, as the host sees the
// QEMU process. Writes bench/results/vm.json.
//
//   npx tsx scripts/bench/vm.ts             detected accelerator (KVM, else TCG)
//   WHARF_VM_ACCEL=tcg npx tsx scripts/bench/vm.ts
//   WHARF_VM_ARCH=arm64 npx tsx scripts/bench/vm.ts   the arm64 guest (TCG on x86-64;
//                                                     builds its image first when not cached)
//
// measureVm() is what `npm run bench` calls. Not a test: it reports numbers and exits 0.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createQemuDriver } from '../../runtime/vm/qemu';
import { qemuPaths } from '../../runtime/vm/qemu-paths';
import { processUsage } from '../../runtime/vm/usage';
import { parseVmArch } from '../../runtime/vm/image';
import { testVmImage, vmArm64Unavailable, vmUnavailable } from '../test-support/vm';

export interface VmBenchResult {
  accel?: string;
  /** The guest's CPU: amd64, or arm64 with WHARF_VM_ARCH=arm64. */
  arch?: string;
  imageVersion?: string;
  /** From nothing (no disk) to an engine that answers on the forwarded socket. */
  coldStartMs?: number;
  /** A second start of the same VM. */
  warmStartMs?: number;
  /** Average CPU of the QEMU process over the idle window, in percent of one core. */
  idleCpuPercent?: number;
  idleWindowS: number;
  memoryMiB?: number;
  skipped?: string;
}

const log = (line: string) => console.log(`[bench vm ${new Date().toISOString().slice(11, 19)}] ${line}`);

export async function measureVm(options: { idleWindowS?: number } = {}): Promise<VmBenchResult> {
  const idleWindowS = options.idleWindowS ?? 60;
  const arch = parseVmArch(process.env.WHARF_VM_ARCH ?? 'x64') ?? 'x64';
  const skipped = arch === 'arm64' ? vmArm64Unavailable({ ...process.env, WHARF_VM_ARM64: '1' }) : vmUnavailable();
  if (skipped) return { skipped, idleWindowS };
  const image = await testVmImage((line) => log(line), arch);
  const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-vm-'));
  const driver = createQemuDriver({
    dir: join(dir, 'vm'),
    image,
    resources: { cpus: 1, memoryMiB: 1024, diskGiB: 8 },
    network: 'restricted',
    readyTimeoutMs: arch === 'arm64' ? 1_800_000 : 300_000,
  });
  const result: VmBenchResult = {
    idleWindowS,
    arch: arch === 'arm64' ? 'arm64' : 'amd64',
    imageVersion: image.version,
  };
  try {
    log('cold start…');
    await driver.start();
    result.coldStartMs = driver.status().readyMs;
    result.accel = driver.status().accel;
    log(`engine ready in ${result.coldStartMs} ms (${result.accel}); idle for ${idleWindowS} s…`);
    const pid = Number(readFileSync(qemuPaths(join(dir, 'vm')).pid, 'utf8'));
    const sample = processUsage(pid);
    // The engine settles after it answers (containerd's first scans): measure after a short pause.
    await new Promise((r) => setTimeout(r, 5000));
    await sample();
    await new Promise((r) => setTimeout(r, idleWindowS * 1000));
    const usage = await sample();
    result.idleCpuPercent = usage?.cpuPercent;
    result.memoryMiB = usage?.memoryMiB;
    await driver.stop();
    log('warm start…');
    await driver.start();
    result.warmStartMs = driver.status().readyMs;
  } finally {
    await driver.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureVm();
  const out = resolve('bench/results/vm.json');
  mkdirSync(resolve('bench/results'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`);
  if (result.skipped) log(`skipped: ${result.skipped}`);
  else {
    console.table({
      'cold start to engine ready': `${result.coldStartMs} ms (${result.accel})`,
      'warm start to engine ready': `${result.warmStartMs} ms`,
      [`idle CPU over ${result.idleWindowS} s`]: `${result.idleCpuPercent} % of one core`,
      'QEMU resident memory': `${result.memoryMiB} MiB`,
    });
  }
  log(`wrote ${out}`);
}
