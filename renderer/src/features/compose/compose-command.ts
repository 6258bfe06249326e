// The compose command an action on a project stands for, as a user would
// type it. Pure: the group row's tooltips, the dialogs' live command and the
// tests read it; the runtime prints its own exact command once it runs.
import type { z } from 'zod';
import type { ComposeOperation } from '../../../../runtime/domains/compose/contract';
import { shellQuote } from '../../../../runtime/api/shell-words';

export type ComposeOp = z.input<typeof ComposeOperation>;

export interface ComposeCommandTarget {
  /** How the tool is typed: "docker compose", "docker-compose", "podman-compose". */
  tool: string;
  project: string;
  /** The compose file to run it from, when one is known here. */
  file?: string;
}

/** The words after the tool and the global options, for one operation. */
export function operationArgs(op: ComposeOp): { global: string[]; args: string[] } {
  const services = 'services' in op && op.services ? op.services : [];
  switch (op.kind) {
    case 'up': {
      const global = (op.profiles ?? []).flatMap((p) => ['--profile', p]);
      const args = ['up', '-d'];
      if (op.build) args.push('--build');
      if (op.pull && op.pull !== 'missing') args.push('--pull', op.pull);
      if (op.forceRecreate) args.push('--force-recreate');
      if (op.removeOrphans) args.push('--remove-orphans');
      for (const [service, n] of Object.entries(op.scale ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        args.push('--scale', `${service}=${n}`);
      }
      return { global, args: [...args, ...services] };
    }
    case 'down': {
      const args = ['down'];
      if (op.removeVolumes) args.push('--volumes');
      if (op.removeImages && op.removeImages !== 'none') args.push('--rmi', op.removeImages);
      if (op.removeOrphans) args.push('--remove-orphans');
      return { global: [], args };
    }
    case 'recreate':
      return { global: [], args: ['up', '-d', '--force-recreate', '--no-deps', ...services] };
    case 'scale':
      return { global: [], args: ['up', '-d', '--no-recreate', '--scale', `${op.service}=${op.replicas}`, op.service] };
    default:
      return { global: [], args: [op.kind, ...services] };
  }
}

/** The whole command line, e.g. `docker-compose -p shop down --volumes`. */
export function composeCommand(target: ComposeCommandTarget, op: ComposeOp): string {
  const { global, args } = operationArgs(op);
  const words = [
    ...(target.file ? ['-f', target.file] : []),
    '-p',
    target.project,
    ...global,
    ...args,
  ];
  return [target.tool, ...words.map(shellQuote)].join(' ');
}
