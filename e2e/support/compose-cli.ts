// The compose tool against the test Docker engine: creates a project from a
// compose file in the test folder, and removes what any project of a name
// left on the engine (containers, networks, volumes), whoever created it.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DockerCli } from './docker-cli';
import { testDir } from './env';

export function composeFile(project: string, yaml: string): string {
  const dir = join(testDir(), project);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'compose.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** `docker-compose -p <project> -f <file> <args>` against the docker CLI's engine. */
export function dockerCompose(
  docker: DockerCli,
  project: string,
  file: string,
  args: readonly string[],
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'docker-compose',
      ['-p', project, '-f', file, ...args],
      { env: { ...process.env, DOCKER_HOST: docker.endpoint, DOCKER_CONTEXT: '' }, timeout: 120_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`docker-compose ${args.join(' ')} failed: ${stderr}`)) : resolve(stdout),
    );
  });
}

export async function removeProject(docker: DockerCli, project: string): Promise<void> {
  const label = `label=com.docker.compose.project=${project}`;
  const ids = (await docker.run(['ps', '-aq', '--filter', label])).split('\n').filter(Boolean);
  if (ids.length > 0) await docker.run(['rm', '-f', '-v', ...ids]);
  for (const kind of ['network', 'volume'] as const) {
    const names = (await docker.run([kind, 'ls', '-q', '--filter', label])).split('\n').filter(Boolean);
    if (names.length > 0) await docker.run([kind, 'rm', ...names]).catch(() => undefined);
  }
}

/** Two services that print a line every second, one publishing a port, one with a named volume. */
export function shopYaml(image: string, port: number): string {
  return `services:
  web:
    image: ${image}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo web says hello; sleep 1; done"]
    ports: ["127.0.0.1:${port}:80"]
    depends_on: [db]
  db:
    image: ${image}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo db is ready; sleep 1; done"]
    volumes: ["data:/data"]
volumes:
  data:
`;
}
