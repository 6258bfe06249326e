// The docker commands of this domain (docker logs), as the user sees them. Pure:
// runtime/api/docker-cli.ts joins every domain's builders into dockerCommand.
import type { CommandBuilders } from '../../api/docker-cli';

export interface LogsCommandInputs {
  'container.logs': {
    container: string;
    follow?: boolean;
    /** Lines from the end; 'all' (the CLI's default) adds no flag. */
    tail?: number | 'all';
    /** Unix seconds; shown as an RFC 3339 time in UTC. */
    since?: number;
    timestamps?: boolean;
  };
}

export const logsCommands: CommandBuilders<LogsCommandInputs> = {
  'container.logs': ({ container, follow, tail, since, timestamps }) => [
    'logs',
    ...(follow === true ? ['-f'] : []),
    ...(tail !== undefined && tail !== 'all' ? ['--tail', String(tail)] : []),
    ...(since !== undefined ? ['--since', new Date(since * 1000).toISOString().replace(/\.000Z$/, 'Z')] : []),
    ...(timestamps === true ? ['-t'] : []),
    container,
  ],
};
