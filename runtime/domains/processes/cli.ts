// The docker command the Processes tab stands for. Pure.
import { shellQuote } from '../../api/shell-words';

/** `docker top <name>`: what the tab shows (Wharf asks for more columns, the processes are the same). */
export function topCommand(container: string): string {
  return `docker top ${shellQuote(container)}`;
}
