// A container's log, as the logs view streams it. Pure types: they cross the contract.

/** One line of a container's log. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** The line without its newline; may hold ANSI escape sequences. */
  text: string;
  /** The engine's timestamp (RFC 3339, as `docker logs -t` prints it), when asked for. */
  time?: string;
}

export type LogEvent =
  /**
   * Forget the lines held so far: the stream starts over. Carries the
   * command it stands for, and whether the container has a TTY (then
   * stdout and stderr arrive as one stream, marked stdout).
   */
  | { type: 'reset'; command: string; tty: boolean }
  | { type: 'lines'; lines: LogLine[] }
  | {
      type: 'status';
      /** following: streaming live; waiting: the container is not running, lines resume when it starts; ended: no more lines. */
      state: 'following' | 'waiting' | 'ended';
      /** Why, in plain words (the container stopped, was removed…). */
      message?: string;
      /** The exit code, when the container stopped. */
      exitCode?: number;
    };
