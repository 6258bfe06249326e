// The compose command an action on a project stands for, as the runtime
// will run it: the domain's own cli.ts writes it; this only fills in what
// the renderer knows (the tool found, the project, its files) and the
// operation's defaults.
import type { z } from 'zod';
import { composeBase, composeCommand as cliCommand } from '../../../../runtime/domains/compose/cli';
import { shellJoin } from '../../../../runtime/api/shell-words';
import { ComposeOperation } from '../../../../runtime/domains/compose/contract';
import type { ComposeToolKind } from '../../../../runtime/domains/compose/types';

/** An operation as a form writes it (defaults may be left out). */
export type ComposeOp = z.input<typeof ComposeOperation>;

export interface ComposeCommandTarget {
  /** The compose tool Wharf drives. */
  tool: ComposeToolKind;
  project: string;
  /** The compose files it runs from (the opened file, or those its containers' labels name). */
  files?: readonly string[] | undefined;
}

/** The tool assumed while Wharf has not said which it found. */
export const DEFAULT_TOOL: ComposeToolKind = 'compose-plugin';

/** The whole command line, e.g. `docker-compose -p shop down -v`. */
export function composeCommand(target: ComposeCommandTarget, op: ComposeOp): string {
  return cliCommand(
    { tool: target.tool, project: target.project, files: target.files ?? [] },
    ComposeOperation.parse(op),
  );
}

/** `docker compose -p shop -f … ps`: the command that lists a project's containers. */
export function composePsCommand(target: ComposeCommandTarget): string {
  return shellJoin([...composeBase({ tool: target.tool, project: target.project, files: target.files ?? [] }), 'ps']);
}
