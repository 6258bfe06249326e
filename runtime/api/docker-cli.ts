// The docker CLI command an action stands for, shown to the user so they can
// learn it or run it themselves. Pure: the runtime writes every command it
// sends with it, and the renderer the few it shows on its own. Each domain
// writes its own commands (runtime/domains/<domain>/cli.ts); this file joins
// them, so one `dockerCommand(name, input)` knows every command by name.
import { containerCommands, type ContainerCommandInputs } from '../domains/containers/cli';
import { filesCommands, type FilesCommandInputs } from '../domains/files/cli';
import { imageCommands, type ImageCommandInputs } from '../domains/images/cli';
import { logsCommands, type LogsCommandInputs } from '../domains/logs/cli';
import { registryCommands, type RegistryCommandInputs } from '../domains/registry/cli';
import { terminalCommands, type TerminalCommandInputs } from '../domains/terminal/cli';
import { volumeCommands, type VolumeCommandInputs } from '../domains/volumes/cli';
import { shellJoin } from './shell-words';

/** A domain's builders: for each of its command names, the words after "docker". */
export type CommandBuilders<Inputs> = { [K in keyof Inputs]: (input: Inputs[K]) => string[] };

/**
 * What each command needs, by name. A new command adds one entry and one
 * builder to its domain's cli.ts (and a domain's first one, one line here).
 */
export interface CommandInputs
  extends
    ContainerCommandInputs,
    LogsCommandInputs,
    TerminalCommandInputs,
    FilesCommandInputs,
    VolumeCommandInputs,
    ImageCommandInputs,
    RegistryCommandInputs {}

export type CommandName = keyof CommandInputs;

const builders: CommandBuilders<CommandInputs> = {
  ...containerCommands,
  ...logsCommands,
  ...terminalCommands,
  ...filesCommands,
  ...volumeCommands,
  ...imageCommands,
  ...registryCommands,
};

/** The argument vector, starting with "docker". */
export function dockerArgv<K extends CommandName>(name: K, input: CommandInputs[K]): string[] {
  const build = builders[name] as (input: CommandInputs[K]) => string[];
  return ['docker', ...build(input)];
}

/** The command as a user would type it in a POSIX shell. */
export function dockerCommand<K extends CommandName>(name: K, input: CommandInputs[K]): string {
  return shellJoin(dockerArgv(name, input));
}
