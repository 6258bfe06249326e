// The docker commands of this domain (docker exec and docker attach), as the user sees them. Pure:
// runtime/api/docker-cli.ts joins every domain's builders into dockerCommand.
import type { CommandBuilders } from '../../api/docker-cli';

export interface TerminalCommandInputs {
  'container.exec': {
    container: string;
    command: readonly string[];
    /** -i -t: an interactive terminal. */
    tty?: boolean;
    user?: string;
    workdir?: string;
  };
  'container.attach': { container: string };
}

export const terminalCommands: CommandBuilders<TerminalCommandInputs> = {
  'container.exec': ({ container, command, tty, user, workdir }) => [
    'exec',
    ...(tty === true ? ['-it'] : []),
    ...(user !== undefined && user !== '' ? ['-u', user] : []),
    ...(workdir !== undefined && workdir !== '' ? ['-w', workdir] : []),
    container,
    ...command,
  ],
  'container.attach': ({ container }) => ['attach', container],
};
