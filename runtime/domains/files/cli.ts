// The docker commands of this domain (docker cp), as the user sees them. Pure:
// runtime/api/docker-cli.ts joins every domain's builders into dockerCommand.
import type { CommandBuilders } from '../../api/docker-cli';

export interface FilesCommandInputs {
  /** docker cp: one side is "container:path". */
  'container.cp': { from: string; to: string; archive?: boolean };
}

export const filesCommands: CommandBuilders<FilesCommandInputs> = {
  'container.cp': ({ from, to, archive }) => ['cp', ...(archive === true ? ['-a'] : []), from, to],
};
