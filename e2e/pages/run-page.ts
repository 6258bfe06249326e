// The Run page (#/run and #/run/<image>): the run form, the live command and
// the paste box.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export interface RunFormValues {
  name?: string;
  command?: string;
  env?: string[];
  ports?: Array<{ hostIp?: string; hostPort?: string; containerPort: string; protocol?: 'tcp' | 'udp' | 'sctp' }>;
  volumes?: Array<{ type: 'volume' | 'bind' | 'tmpfs'; source?: string; target: string; readOnly?: boolean }>;
  restart?: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  memory?: string;
  cpus?: string;
}

export class RunPage extends AppShell {
  readonly heading: Locator;
  readonly form: Locator;
  readonly image: Locator;
  readonly name: Locator;
  readonly command: Locator;
  readonly entrypoint: Locator;
  readonly network: Locator;
  readonly restart: Locator;
  readonly memory: Locator;
  readonly cpus: Locator;
  readonly interactive: Locator;
  readonly tty: Locator;
  readonly remove: Locator;
  /** The live `docker run …` line. */
  readonly shownCommand: Locator;
  readonly copy: Locator;
  readonly runButton: Locator;
  readonly pasteBox: Locator;
  readonly fillButton: Locator;
  readonly pasteResult: Locator;
  readonly unsupported: Locator;
  readonly fieldErrors: Locator;
  /** The file input behind "Import a .env file". */
  readonly envFile: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Run a container', exact: true });
    this.form = page.getByRole('form', { name: 'Run form' });
    this.image = this.form.getByRole('combobox', { name: 'Image', exact: true });
    this.name = this.form.getByRole('textbox', { name: 'Name', exact: true });
    this.command = this.form.getByRole('textbox', { name: 'Command', exact: true });
    this.entrypoint = this.form.getByRole('textbox', { name: 'Entrypoint', exact: true });
    this.network = this.form.getByRole('combobox', { name: 'Network', exact: true });
    this.restart = this.form.getByRole('combobox', { name: 'Restart policy', exact: true });
    this.memory = this.form.getByRole('textbox', { name: 'Memory limit', exact: true });
    this.cpus = this.form.getByRole('textbox', { name: 'CPUs', exact: true });
    this.interactive = this.form.getByRole('checkbox', { name: /^Keep input open/ });
    this.tty = this.form.getByRole('checkbox', { name: /^Give it a terminal/ });
    this.remove = this.form.getByRole('checkbox', { name: /^Remove when it stops/ });
    this.shownCommand = page.getByTestId('run-command');
    this.copy = page.getByRole('button', { name: 'Copy the docker run command' });
    this.runButton = page.getByRole('button', { name: 'Run container' });
    this.pasteBox = page.getByRole('textbox', { name: 'docker run command to paste' });
    this.fillButton = page.getByRole('button', { name: 'Fill the form' });
    this.pasteResult = page.getByTestId('paste-result');
    this.unsupported = page.getByTestId('unsupported-flag');
    this.fieldErrors = page.getByTestId('field-error');
    this.envFile = page.getByTestId('env-file');
  }

  /** Signs in and opens the form, for an image as the Images page's Run link does. */
  async open(image?: string): Promise<void> {
    await this.signIn();
    await test.step(`open the run form${image ? ` for ${image}` : ''}`, async () => {
      const hash = image === undefined ? '#/run' : `#/run/${encodeURIComponent(image)}`;
      await this.page.goto(`${new URL(this.server.url).origin}/${hash}`);
      await expect(this.heading).toBeVisible();
      if (image !== undefined) await expect(this.image).toHaveValue(image);
    });
  }

  fieldError(path: string): Locator {
    return this.page.locator(`[data-testid="field-error"][data-field="${path}"]`);
  }

  envRow(n: number): Locator {
    return this.form.getByRole('textbox', { name: `Variable ${n}`, exact: true });
  }

  portField(n: number, field: 'Host address' | 'Host port' | 'Container port' | 'Protocol'): Locator {
    return this.form.getByRole(field === 'Protocol' ? 'combobox' : 'textbox', {
      name: `${field} of port ${n}`,
      exact: true,
    });
  }

  mountField(n: number, field: 'Type' | 'Volume' | 'Host folder' | 'Container path'): Locator {
    return this.form.getByRole(field === 'Type' || field === 'Volume' ? 'combobox' : 'textbox', {
      name: `${field} of mount ${n}`,
      exact: true,
    });
  }

  mountReadOnly(n: number): Locator {
    return this.form.getByRole('checkbox', { name: `Mount ${n} read-only`, exact: true });
  }

  async fill(values: RunFormValues): Promise<void> {
    await test.step('fill the run form', async () => {
      if (values.name !== undefined) await this.name.fill(values.name);
      if (values.command !== undefined) await this.command.fill(values.command);
      for (const [i, entry] of (values.env ?? []).entries()) {
        await this.form.getByRole('button', { name: 'Add variable' }).click();
        await this.envRow(i + 1).fill(entry);
      }
      for (const [i, p] of (values.ports ?? []).entries()) {
        await this.form.getByRole('button', { name: 'Add port' }).click();
        const n = i + 1;
        await this.portField(n, 'Host address').fill(p.hostIp ?? '');
        await this.portField(n, 'Host port').fill(p.hostPort ?? '');
        await this.portField(n, 'Container port').fill(p.containerPort);
        if (p.protocol !== undefined) await this.portField(n, 'Protocol').selectOption(p.protocol);
      }
      for (const [i, v] of (values.volumes ?? []).entries()) {
        await this.form.getByRole('button', { name: 'Add mount' }).click();
        const n = i + 1;
        await this.mountField(n, 'Type').selectOption(v.type);
        if (v.type === 'volume') await this.mountField(n, 'Volume').fill(v.source ?? '');
        if (v.type === 'bind') await this.mountField(n, 'Host folder').fill(v.source ?? '');
        await this.mountField(n, 'Container path').fill(v.target);
        if (v.readOnly) await this.mountReadOnly(n).check();
      }
      if (values.restart !== undefined) await this.restart.selectOption(values.restart);
      if (values.memory !== undefined) await this.memory.fill(values.memory);
      if (values.cpus !== undefined) await this.cpus.fill(values.cpus);
    });
  }

  /** The shown command once it is valid and current (it updates as the form changes). */
  async commandText(): Promise<string> {
    await expect(this.shownCommand).toHaveAttribute('data-valid', 'true');
    await expect(this.shownCommand).toHaveText(/^docker run /);
    return (await this.shownCommand.textContent()) ?? '';
  }

  async paste(command: string): Promise<void> {
    await test.step('paste a docker run command', async () => {
      await this.pasteBox.fill(command);
      await this.fillButton.click();
    });
  }
}
