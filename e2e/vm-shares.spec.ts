// Settings › Engine VM › Shared folders: Wharf's own data folder (the VM's SSH
// keys, the key to the registry credentials) is never shared, nor a folder
// that holds it such as the home folder; the screen says so before and when
// someone tries, and nothing is saved. Runs without an engine or a VM.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppShell } from './pages/app-shell';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

test('a shared folder that holds Wharf’s data folder is refused, with the reason; another one is shared', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const home = await mkdtemp(join(tmpdir(), 'wharf-vm-shares-'));
  const dataDir = join(home, '.config', 'Wharf');
  const projects = join(home, 'projects');
  await mkdir(dataDir, { recursive: true });
  await mkdir(projects);
  const settingsFile = join(dataDir, 'vm-settings.json');
  await writeFile(
    settingsFile,
    JSON.stringify({
      enabled: false,
      autoStart: false,
      driver: 'qemu',
      cpus: 2,
      memoryMiB: 2048,
      diskGiB: 60,
      idleStopMinutes: 0,
      shares: [],
    }),
  );
  let server: WharfServer | undefined;
  try {
    server = await startWharf({ dataDir, engine: `unix://${join(home, 'none.sock')}` });
    const shell = new AppShell(page, server);
    await shell.signIn();
    await shell.goTo('settings');
    const section = page.getByTestId('vm-settings');
    await expect(section.getByTestId('vm-shares-data-never')).toContainText('never shared');
    const list = section.getByRole('list', { name: 'Shared folders' });
    const folder = section.getByRole('textbox', { name: 'Folder to share' });

    // The home folder holds the data folder: refused, and the list stays as it was.
    await folder.fill(home);
    await section.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(section.getByRole('alert')).toContainText('This folder cannot be shared with the VM');
    await expect(list).toContainText('No folder is shared');
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toMatchObject({ shares: [] });

    await folder.fill(projects);
    await section.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(list.getByRole('listitem')).toHaveText([new RegExp(projects.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))]);
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toMatchObject({ shares: [{ hostPath: projects }] });
  } finally {
    await server?.stop();
    await rm(home, { recursive: true, force: true });
  }
});
