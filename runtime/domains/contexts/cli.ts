// The commands the engine switcher stands for: switching the CLI's current
// context or Podman's default connection. Pure.
import { shellJoin } from '../../api/shell-words';
import type { ContextKind } from './types';

/** The argument vector that makes this context (or connection) the CLI's current one. */
export function contextUseArgv(kind: ContextKind, name: string): string[] {
  return kind === 'docker-context'
    ? ['docker', 'context', 'use', name]
    : ['podman', 'system', 'connection', 'default', name];
}

/** `docker context use <name>` / `podman system connection default <name>`, as typed in a shell. */
export const contextUseCommand = (kind: ContextKind, name: string): string => shellJoin(contextUseArgv(kind, name));

/** How to list them: `docker context ls` / `podman system connection list`. */
export const contextListCommand = (kind: ContextKind): string =>
  kind === 'docker-context' ? 'docker context ls' : 'podman system connection list';

/**
 * One command against it, leaving the CLI's choice alone: `docker --context <name> ps` /
 * `podman --connection <name> ps`.
 */
export const contextOnceCommand = (kind: ContextKind, name: string, ...rest: string[]): string =>
  shellJoin(
    kind === 'docker-context' ? ['docker', '--context', name, ...rest] : ['podman', '--connection', name, ...rest],
  );
