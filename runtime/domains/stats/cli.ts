// The docker commands the stats screens stand for. Pure.
import { shellQuote } from '../../api/shell-words';

/** `docker stats web db`, or with `--no-stream` for one reading. */
export function statsCommand(names: readonly string[], options: { noStream?: boolean } = {}): string {
  return ['docker', 'stats', ...(options.noStream ? ['--no-stream'] : []), ...names.map(shellQuote)].join(' ');
}
