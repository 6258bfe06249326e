// The Pods page. On Podman: play the example Deployment and Service from the
// editor, see the pod and its containers as the engine holds them, a YAML
// mistake named with its line (nothing played), take it down; axe in both
// themes. On Docker: why there are no pods, and a compose project's
// Kubernetes YAML beside it.
import { execFile } from 'node:child_process';
import type { Page } from '@playwright/test';
import { composeFile, dockerCompose, removeProject, shopYaml } from './support/compose-cli';
import { expectNoAxeViolations } from './support/axe';
import { DockerCli } from './support/docker-cli';
import { dockerEndpoint, podmanEndpoint, testImage } from './support/env';
import { freePort } from './support/ports';
import { screenshot } from './support/screenshots';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';
import { EXAMPLE_YAML } from '../renderer/src/features/pods/example';

/** The podman CLI against the test Podman engine. */
function podmanCli(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('podman', ['--url', podmanEndpoint(), ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`podman ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

/** Replaces the editor's text, as a learner pasting a file would. */
async function setEditorText(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Kubernetes YAML' });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function useTheme(
  page: Page,
  server: WharfServer,
  theme: 'light' | 'dark',
  language: 'en' | 'ko' = 'en',
): Promise<void> {
  await page.evaluate(
    ([l, t]) => localStorage.setItem('wharf.ui', JSON.stringify({ state: { language: l, theme: t }, version: 0 })),
    [language, theme] as const,
  );
  await page.goto(server.linkTo('/pods'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test('on Podman: play the example, see the pod and its containers, a mistake named by line, take it down', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const podman = new DockerCli(podmanEndpoint());
  const server = await startWharf({ engine: podmanEndpoint() });
  const name = podman.name('hello-web');
  const pod = `${name}-pod-0`;
  let tagged = false;
  try {
    // The example runs busybox:latest: the test image stands for it (nothing is pulled).
    tagged = await podman.run(['image', 'inspect', 'busybox:latest']).then(
      () => false,
      () => true,
    );
    if (tagged) await podman.run(['tag', testImage(), 'busybox:latest']);
    const port = await freePort();
    const yaml = EXAMPLE_YAML.replaceAll('hello-web', name).replaceAll('8080', String(port));

    await page.goto(server.linkTo('/pods'));
    await expect(page.getByRole('heading', { name: 'Pods', level: 1 })).toBeVisible();
    await expect(page.getByTestId('pods-check')).toHaveText('Problems: none. Podman can play this file.');
    await expect(page.getByTestId('pods-play-command')).toHaveText('podman kube play hello-web.yaml');

    await test.step('a mistake is named with its line, and Play waits', async () => {
      await setEditorText(page, yaml.replace('          image: busybox:latest\n', ''));
      await expect(page.getByTestId('pods-check')).toContainText('Line 19');
      await expect(page.getByTestId('pods-check')).toContainText('Container httpd has no image:');
      await expect(page.locator('[data-learn="pods.play"]')).toBeDisabled();
      await page.getByRole('button', { name: 'Line 19' }).click();
      await expect(page.locator('.cm-activeLine')).toContainText('- name: httpd');
    });

    await test.step('play: the pod appears with its containers, as podman pod ps shows it', async () => {
      await setEditorText(page, yaml);
      await expect(page.getByTestId('pods-check')).toHaveText('Problems: none. Podman can play this file.');
      await page.locator('[data-learn="pods.play"]').click();
      await expect(page.getByTestId('pods-play-result')).toHaveText(`Made 1 pod: ${pod}`, { timeout: 30_000 });
      await expect(page.getByTestId('command-bar')).toContainText('podman kube play hello-web.yaml');
      const row = page.locator(`tr[data-testid="pod-row"][data-name="${pod}"]`);
      await expect(row.getByTestId('pod-status')).toHaveText('Running');
      await expect(row.getByRole('link', { name: `${pod}-httpd` })).toBeVisible();
      await expect(row.getByTestId('pod-container')).toHaveCount(2);
      await expect(row.getByText('infra', { exact: true })).toBeVisible();
      expect((await podmanCli(['inspect', '-f', '{{.State.Status}}', `${pod}-httpd`])).trim()).toBe('running');
      expect(
        (await podmanCli(['pod', 'ps', '--filter', `name=${pod}`, '--format', '{{.NumberOfContainers}}'])).trim(),
      ).toBe('2');
      await expect(row.getByRole('button', { name: `Stop pod ${pod}` })).toHaveAttribute(
        'title',
        `podman pod stop ${pod}`,
      );
    });

    await test.step('generate YAML from the pod', async () => {
      await page.getByLabel('From', { exact: true }).selectOption({ label: pod });
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      await expect(page.getByTestId('pods-generated')).toContainText(`name: ${pod}-httpd`);
      await expect(page.getByTestId('pods-generate-command')).toHaveText(`podman kube generate ${pod}`);
    });

    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, server, theme);
      await expect(page.locator(`tr[data-testid="pod-row"][data-name="${pod}"]`)).toBeVisible();
      await expectNoAxeViolations(page, `the Pods page on Podman, ${theme}`);
      await screenshot(page, `pods-podman-${theme}`);
    }
    await useTheme(page, server, 'light', 'ko');
    await expect(page.getByRole('heading', { name: '파드', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: '쿠버네티스 YAML 실행' })).toBeVisible();
    await screenshot(page, 'pods-podman-ko-light');
    await useTheme(page, server, 'light');

    await test.step('take down: the pod is gone', async () => {
      await setEditorText(page, yaml);
      await page.getByRole('button', { name: 'Take down' }).click();
      await expect(page.getByTestId('pods-play-result')).toHaveText(`Removed 1 pod: ${pod}`, { timeout: 30_000 });
      await expect(page.locator(`tr[data-testid="pod-row"][data-name="${pod}"]`)).toHaveCount(0);
      expect((await podmanCli(['ps', '-a', '--filter', `name=${pod}`, '--format', '{{.Names}}'])).trim()).toBe('');
    });
  } finally {
    await podmanCli(['pod', 'rm', '-f', pod]).catch(() => undefined);
    // Other tests expect the test image under its own name only.
    if (tagged) await podman.run(['rmi', 'busybox:latest']).catch(() => undefined);
    await server.stop();
    await podman.cleanup();
  }
});

test('on Docker: pods need Podman or a cluster; a compose project as Kubernetes YAML', async ({ page, docker }) => {
  test.setTimeout(120_000);
  const project = `e2e-kube-${docker.suffix}`;
  const file = composeFile(project, shopYaml(testImage(), await freePort()));
  // A Wharf of its own: the compose file it opens stays in its own data folder.
  const wharf = await startWharf({ engine: dockerEndpoint() });
  try {
    await dockerCompose(docker, project, file, ['up', '-d']);
    await page.goto(wharf.linkTo('/pods'));
    await expect(page.getByRole('heading', { name: 'Pods need Podman or a Kubernetes cluster' })).toBeVisible();
    await page.getByLabel('Compose project').selectOption(project);
    const kube = page.getByTestId('pods-kube-text');
    await expect(kube).toContainText('kind: Deployment', { timeout: 30_000 });
    await expect(kube).toContainText('kind: PersistentVolumeClaim');
    await expect(kube).toContainText('type: LoadBalancer');
    await expect(page.getByTestId('view-command')).toContainText(`kubectl apply -f ${project}.yaml`);
    // The compose file its containers name is on this machine: opened, it shows beside the YAML.
    await page.getByRole('button', { name: 'Show the compose file' }).click();
    await expect(page.getByTestId('pods-compose-text')).toContainText('services:');
    await expect(page.getByTestId('pods-compose-text')).toContainText('data:/data');
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, wharf, theme);
      await page.getByLabel('Compose project').selectOption(project);
      await expect(page.getByTestId('pods-kube-text')).toBeVisible();
      await expectNoAxeViolations(page, `the Pods page on Docker, ${theme}`);
      await screenshot(page, `pods-docker-${theme}`);
    }
  } finally {
    await wharf.stop();
    await removeProject(docker, project);
  }
});
