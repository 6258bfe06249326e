// Making a context the CLI's own current one, as the CLI does it:
// `docker context use <name>` writes currentContext into config.json (and
// removes it for "default"); `podman system connection default <name>` is run
// with Podman itself, which knows which of its files to write.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { dockerConfigDir } from '../../engine/docker-contexts';
import { findEngineBinaries } from '../../engine/embedded-config';
import { readDockerConfigObject, writeDockerConfigObject } from '../registry/docker-config';
import { contextUseArgv, contextUseCommand } from './cli';
import { ApiError } from '../../api/errors';
import { errorHint, errorMessage, type ErrorTextKey } from '../../api/error-texts';
import type { CliDefaultResult, ContextKind } from './types';

export async function makeCliDefault(
  kind: ContextKind,
  name: string,
  x: { env: NodeJS.ProcessEnv; home: string },
): Promise<CliDefaultResult> {
  const command = contextUseCommand(kind, name);
  if (kind === 'docker-context') {
    const file = join(dockerConfigDir(x.env, x.home), 'config.json');
    const raw = await readDockerConfigObject(file);
    if (name === 'default') delete raw.currentContext;
    else raw.currentContext = name;
    await writeDockerConfigObject(file, raw);
    const result: CliDefaultResult = { command, file };
    // The CLI says the same: the choice is written but these variables still win.
    if (x.env.DOCKER_HOST?.trim()) result.overriddenBy = 'DOCKER_HOST';
    else if (x.env.DOCKER_CONTEXT?.trim()) result.overriddenBy = 'DOCKER_CONTEXT';
    return result;
  }

  const podman = findEngineBinaries(x.env).podman;
  if (!podman) throw keyed('unavailable', 'context.cliMissing', { program: 'podman' });
  const [, ...args] = contextUseArgv(kind, name);
  await new Promise<void>((resolve, reject) => {
    execFile(podman, args, { env: x.env, timeout: 30_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      reject(keyed('engine', 'context.cliFailed', { command, reason: stderr.trim() || error.message }));
    });
  });
  const result: CliDefaultResult = { command };
  if (x.env.CONTAINER_CONNECTION?.trim()) result.overriddenBy = 'CONTAINER_CONNECTION';
  return result;
}

/** An ApiError with the English text of `key` (the UI translates it by the key). */
export function keyed(code: ApiError['code'], key: ErrorTextKey, params: Record<string, string>): ApiError {
  return new ApiError({ code, message: errorMessage(key, params), hint: errorHint(key, params), key, params });
}
