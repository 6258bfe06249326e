// WSL2 takes CPUs and memory from %UserProfile%\.wslconfig for every distro:
// Settings › Engine VM shows how the file stands against Wharf's settings and
// writes only [wsl2] processors= and memory= after asking, keeping the rest.
// The runtime reads and writes the file the same way on any OS, so this runs
// here with USERPROFILE pointing at a folder of the test's own (no WSL runs).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppShell } from './pages/app-shell';
import { screenshot } from './support/screenshots';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

const MINE =
  '# tuned for my Ubuntu builds\n[wsl2]\nmemory=8GB   # half the machine\nswap=0\n\n[experimental]\nsparseVhd=true\n';

test('the WSL2 driver: .wslconfig is compared with the VM settings and written only after the user agrees', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const root = await mkdtemp(join(tmpdir(), 'wharf-wslconfig-'));
  const profile = join(root, 'profile');
  const dataDir = join(root, 'data');
  await mkdir(profile);
  await mkdir(dataDir);
  const file = join(profile, '.wslconfig');
  await writeFile(file, MINE);
  await writeFile(
    join(dataDir, 'vm-settings.json'),
    JSON.stringify({
      enabled: false,
      autoStart: false,
      driver: 'wsl',
      cpus: 3,
      memoryMiB: 4096,
      diskGiB: 60,
      idleStopMinutes: 0,
      shares: [],
    }),
  );
  let server: WharfServer | undefined;
  try {
    // No engine is needed for Settings: an address nothing listens on keeps Wharf off this machine's engines.
    server = await startWharf({
      dataDir,
      engine: `unix://${join(root, 'none.sock')}`,
      env: { ...process.env, USERPROFILE: profile },
    });
    const shell = new AppShell(page, server);
    await shell.signIn();
    await shell.goTo('settings');
    const notice = page.getByTestId('vm-wslconfig');
    await expect(notice).toHaveAttribute('data-matches', 'false');
    await expect(notice).toContainText("processors=WSL's default · memory=8GB");
    await expect(notice).toContainText('processors=3 · memory=4GB');

    // Cancel changes nothing.
    await notice.getByRole('button', { name: 'Write these to .wslconfig…', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Change .wslconfig for all WSL distros?' });
    await expect(dialog).toContainText('every WSL distro on this computer');
    await expect(dialog.getByTestId('wslconfig-change')).toHaveText(
      '- memory=8GB   # half the machine\n+ memory=4GB   # half the machine\n+ processors=3',
    );
    await expect(dialog).toContainText('wsl --shutdown');
    await screenshot(page, 'vm-wslconfig-ask');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toBeHidden();
    expect(await readFile(file, 'utf8')).toBe(MINE);

    await notice.getByRole('button', { name: 'Write these to .wslconfig…', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Change .wslconfig for all WSL distros?' });
    await dialog.getByRole('button', { name: 'Write .wslconfig', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(notice).toHaveAttribute('data-restart', 'true');
    await expect(notice.getByRole('status')).toContainText('WSL uses it after a restart of WSL');
    await expect(notice.getByRole('status')).toContainText('wsl --shutdown');
    expect(await readFile(file, 'utf8')).toBe(
      '# tuned for my Ubuntu builds\n[wsl2]\nmemory=4GB   # half the machine\nswap=0\nprocessors=3\n\n[experimental]\nsparseVhd=true\n',
    );
    await screenshot(page, 'vm-wslconfig-written');
  } finally {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  }
});
