// `npm test`'s vm step: build (or reuse) Wharf's guest image, test the QEMU
// driver (vitest project "vm"), then boot a VM and run the foundation's e2e
// flow (e2e/vm.spec.ts) against the engine socket it forwards.
import { join } from 'node:path';
import { createQemuDriver } from '../../runtime/vm/qemu';
import { buildBusyboxImage } from './busybox-image';
import { testVmImage, vmArm64Unavailable, vmUnavailable } from './vm';

type Count = (json: unknown) => { passed: number; failed: number; skipped: number };

export interface VmStepInput {
  dir: string;
  env: NodeJS.ProcessEnv;
  suite: (
    name: string,
    command: string,
    args: string[],
    report: string,
    count: Count,
    env?: NodeJS.ProcessEnv,
  ) => Promise<void>;
  skip: (name: string, reason: string) => void;
  fail: (what: string) => void;
  countVitest: Count;
  countPlaywright: Count;
}

export async function runVmStep(input: VmStepInput): Promise<void> {
  const reason = vmUnavailable();
  if (reason !== undefined) {
    input.skip('vm (engine VM: driver tests and e2e)', reason);
    return;
  }
  console.log('\n=== vm: the guest image (built from Debian packages when native/vm/ changed, else cached)');
  const began = Date.now();
  const image = await testVmImage((line) => console.log(`  ${line}`));
  console.log(
    `  image ${image.version} (kernel ${image.kernelVersion}) ready in ${Math.round((Date.now() - began) / 1000)} s: ${image.dir}`,
  );

  // runtime/vm/qemu-arm64.vm.test.ts: the arm64 guest under TCG emulation, far beyond CI's budget.
  const arm64 = vmArm64Unavailable(input.env);
  if (arm64 !== undefined) console.log(`  the arm64 guest (qemu-arm64.vm.test.ts) is skipped: ${arm64}`);
  else
    console.log(
      '  the arm64 guest is included (WHARF_VM_ARM64=1): its image build and boot under TCG take about an hour',
    );

  const vitestReport = join(input.dir, 'vitest-vm.json');
  await input.suite(
    'vm: the QEMU driver (vitest)',
    'npx',
    ['vitest', 'run', '--project', 'vm', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    vitestReport,
    input.countVitest,
    input.env,
  );

  console.log('\n=== vm: booting a VM for the e2e flow');
  const driver = createQemuDriver({
    dir: join(input.dir, 'vm'),
    image,
    resources: { cpus: 1, memoryMiB: 1024, diskGiB: 8 },
    network: 'restricted',
    readyTimeoutMs: 240_000,
    log: (m) => console.log(`  ${m}`),
  });
  driver.onStatus((s) => {
    if (s.progress) console.log(`  ${s.phase}: ${s.progress}`);
  });
  try {
    await driver.start();
    const endpoint = driver.socket();
    console.log(`  the engine answers at ${endpoint} (${driver.status().accel}, ${driver.status().readyMs} ms)`);
    await buildBusyboxImage(endpoint);
    const report = join(input.dir, 'playwright-vm.json');
    await input.suite(
      'vm: e2e against the engine in the VM (Playwright)',
      'npx',
      ['playwright', 'test', 'e2e/vm.spec.ts'],
      report,
      input.countPlaywright,
      {
        ...input.env,
        WHARF_TEST_DOCKER: endpoint,
        WHARF_TEST_VM: endpoint,
        WHARF_TEST_VM_IMAGE: image.dir,
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      },
    );
  } catch (error) {
    const status = driver.status();
    console.error(
      `  ${(error as Error).message}\n  last command: ${status.lastCommand ?? '-'}\n  console:\n    ${status.logTail.join('\n    ')}`,
    );
    input.fail(`vm: ${(error as Error).message}`);
  } finally {
    await driver.stop();
  }
}
