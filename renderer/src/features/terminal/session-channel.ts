// The runtime calls a terminal's session makes, for each kind of session: a
// shell or attach in a container (terminal.*), or a shell on the machine
// Wharf runs on (shell.*). Both speak the same verbs, so one TerminalEntry
// draws either.
import type { TerminalExit, TerminalSession } from '../../../../runtime/domains/terminal/contract';
import type { ShellExit, ShellSession } from '../../../../runtime/domains/shell/types';
import type { ApiError } from '../../../../runtime/api/errors';
import type { Client } from '../../api/client';

/** A terminal's session, whichever kind: both have an id, the command it stands for and the program run. */
export type AnySession = TerminalSession | ShellSession;
export type AnyExit = TerminalExit | ShellExit;
/** Output as bytes (UTF-8 as the program wrote it, split anywhere: xterm decodes it), then how it ended. */
export type AnyOutput = { type: 'data'; data: Uint8Array } | AnyExit;

export interface SessionChannel {
  open(size: { cols: number; rows: number }): Promise<AnySession>;
  replay(id: string): Promise<{ session: AnySession; text: string }>;
  input(id: string, data: string, binary: boolean): Promise<void>;
  resize(id: string, cols: number, rows: number): Promise<void>;
  ack(id: string, bytes: number): Promise<void>;
  close(id: string): Promise<void>;
  output(id: string, onEvent: (event: AnyOutput) => void, onEnd: (error?: ApiError) => void): () => void;
}

/** What to open in a container (terminal.open's input without the size). */
export interface ContainerOpen {
  container: string;
  mode: 'exec' | 'attach';
  command?: string[];
  user?: string;
  workdir?: string;
}

export function containerChannel(client: Client, what: ContainerOpen): SessionChannel {
  return {
    open: (size) => client.request('terminal.open', { ...what, ...size }),
    replay: (id) => client.request('terminal.replay', { id }),
    input: (id, data, binary) =>
      client.request('terminal.input', { id, data, ...(binary ? { binary: true as const } : {}) }),
    resize: (id, cols, rows) => client.request('terminal.resize', { id, cols, rows }),
    ack: (id, bytes) => client.request('terminal.ack', { id, bytes }),
    close: (id) => client.request('terminal.close', { id }),
    output: (id, onEvent, onEnd) => client.subscribe('terminal.output', { id }, onEvent, onEnd),
  };
}

/** The shell on the machine Wharf runs on. */
export function hostChannel(client: Client): SessionChannel {
  return {
    open: (size) => client.request('shell.open', size),
    replay: (id) => client.request('shell.replay', { id }),
    input: (id, data, binary) =>
      client.request('shell.input', { id, data, ...(binary ? { binary: true as const } : {}) }),
    resize: (id, cols, rows) => client.request('shell.resize', { id, cols, rows }),
    ack: (id, bytes) => client.request('shell.ack', { id, bytes }),
    close: (id) => client.request('shell.close', { id }),
    output: (id, onEvent, onEnd) => client.subscribe('shell.output', { id }, onEvent, onEnd),
  };
}
