// The compose command lines an action stands for, as a user would type them.
// Pure: the runtime runs exactly these words (argv, no shell), the UI shows
// them.
import type { z } from 'zod';
import { type ErrorTextKey, errorHint, errorMessage } from '../../api/error-texts';
import { shellJoin } from '../../api/shell-words';
import type { PlainError } from '../../api/types';
import type { ComposeOperation } from './contract';
import type { ComposeToolKind } from './types';

export type ComposeOp = z.output<typeof ComposeOperation>;

/** How a user types each tool. */
export const TOOL_WORDS: Record<ComposeToolKind, readonly string[]> = {
  'compose-plugin': ['docker', 'compose'],
  'docker-compose': ['docker-compose'],
  'podman-compose': ['podman-compose'],
};

export interface ComposeTarget {
  tool: ComposeToolKind;
  project: string;
  /** Absolute paths of the compose files; empty lets the tool find one in its working folder. */
  files: readonly string[];
}

/** The words before the subcommand: `docker-compose -p shop -f /home/me/shop/compose.yaml`. */
export function composeBase(target: ComposeTarget): string[] {
  return [...TOOL_WORDS[target.tool], '-p', target.project, ...target.files.flatMap((f) => ['-f', f])];
}

/** The subcommands an operation runs, in order (most are one; a pull policy some tools lack is two). */
export type ComposeSteps = { ok: true; steps: string[][] } | { ok: false; error: PlainError };

function unsupported(tool: ComposeToolKind, key: ErrorTextKey): ComposeSteps {
  const params = { tool: TOOL_WORDS[tool].join(' ') };
  return { ok: false, error: { message: errorMessage(key, params), hint: errorHint(key, params), key, params } };
}

/**
 * The subcommands for an operation. Pull policy: the compose plugin has
 * `up --pull`; docker-compose 1.29 has none, so "always" runs `pull` before
 * `up`; podman-compose has `up --pull-always`. Neither older tool can be kept
 * from pulling a missing image, so "never" is refused with them rather than
 * silently ignored. podman-compose 1.0 has no profiles, no `down --rmi` /
 * `down --remove-orphans`, and ignores `--scale`: refused the same way.
 */
export function composeSteps(tool: ComposeToolKind, op: ComposeOp): ComposeSteps {
  const plugin = tool === 'compose-plugin';
  const podman = tool === 'podman-compose';
  switch (op.kind) {
    case 'up': {
      const profiles = op.profiles ?? [];
      if (podman && profiles.length > 0) return unsupported(tool, 'compose.profilesUnsupported');
      if (!plugin && op.pull === 'never') return unsupported(tool, 'compose.pullNeverUnsupported');
      if (podman && Object.keys(op.scale ?? {}).length > 0) return unsupported(tool, 'compose.scaleUnsupported');
      const services = op.services ?? [];
      const global = profiles.flatMap((p) => ['--profile', p]);
      const up = [...global, 'up', '-d'];
      if (op.build) up.push('--build');
      if (plugin && op.pull !== 'missing') up.push('--pull', op.pull);
      if (podman && op.pull === 'always') up.push('--pull-always');
      if (op.forceRecreate) up.push('--force-recreate');
      if (op.removeOrphans) up.push('--remove-orphans');
      for (const [service, n] of Object.entries(op.scale ?? {})) up.push('--scale', `${service}=${n}`);
      up.push(...services);
      const pullFirst = tool === 'docker-compose' && op.pull === 'always' ? [[...global, 'pull', ...services]] : [];
      return { ok: true, steps: [...pullFirst, up] };
    }
    case 'down': {
      if (podman && op.removeImages !== 'none') return unsupported(tool, 'compose.rmiUnsupported');
      if (podman && op.removeOrphans) return unsupported(tool, 'compose.orphansUnsupported');
      const down = ['down'];
      if (op.removeVolumes) down.push('-v');
      if (op.removeImages !== 'none') down.push('--rmi', op.removeImages);
      if (op.removeOrphans) down.push('--remove-orphans');
      return { ok: true, steps: [down] };
    }
    case 'recreate':
      return { ok: true, steps: [['up', '-d', '--force-recreate', ...(op.services ?? [])]] };
    case 'scale':
      // podman-compose 1.0 takes --scale and ignores it.
      if (podman) return unsupported(tool, 'compose.scaleUnsupported');
      return { ok: true, steps: [['up', '-d', '--no-recreate', '--scale', `${op.service}=${op.replicas}`]] };
    default:
      return { ok: true, steps: [[op.kind, ...(op.services ?? [])]] };
  }
}

/** Every argv an operation runs, the tool's words first. */
export function composeArgvs(
  target: ComposeTarget,
  op: ComposeOp,
): { ok: true; argvs: string[][] } | { ok: false; error: PlainError } {
  const steps = composeSteps(target.tool, op);
  if (!steps.ok) return steps;
  const base = composeBase(target);
  return { ok: true, argvs: steps.steps.map((s) => [...base, ...s]) };
}

/** The command line a user would type: `docker-compose -p shop -f /home/me/shop/compose.yaml up -d --build`. */
export function composeCommand(target: ComposeTarget, op: ComposeOp): string {
  const argvs = composeArgvs(target, op);
  if (!argvs.ok) return shellJoin([...composeBase(target), op.kind]);
  return argvs.argvs.map((a) => shellJoin(a)).join(' && ');
}

/** `docker-compose -p shop -f … config -q`: the tool's own check of a file. */
export function composeConfigArgv(target: ComposeTarget): string[] {
  // podman-compose 1.0 has no `config`: it reads (and checks) the file before any
  // command, and --dry-run ps only prints what it would run.
  if (target.tool === 'podman-compose') return [...composeBase(target), '--dry-run', 'ps'];
  return [...composeBase(target), 'config'];
}

/** `docker-compose -p shop logs -f -t --tail 100 web db`. */
export function composeLogsCommand(
  target: ComposeTarget,
  options: { follow: boolean; tail: number | 'all'; services?: readonly string[] },
): string {
  const words = [...composeBase(target), 'logs'];
  if (options.follow) words.push('-f');
  words.push('-t', '--tail', String(options.tail), ...(options.services ?? []));
  return shellJoin(words);
}

/**
 * What start/stop/restart/down stand for when the project's files cannot be
 * read: the same action through the engine on the labelled containers.
 */
export function engineFallbackCommands(
  action: 'start' | 'stop' | 'restart' | 'down',
  containers: readonly string[],
  networks: readonly string[],
): string[] {
  if (action !== 'down') return containers.length === 0 ? [] : [shellJoin(['docker', action, ...containers])];
  const out: string[] = [];
  if (containers.length > 0) out.push(shellJoin(['docker', 'rm', '-f', ...containers]));
  if (networks.length > 0) out.push(shellJoin(['docker', 'network', 'rm', ...networks]));
  return out;
}
