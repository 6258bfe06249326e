// Terminals: a shell (docker exec -it) or the main process (docker attach) of
// a container, over a raw TTY stream. Output is a subscription the renderer
// acknowledges as it draws, so a fast producer cannot outrun the screen.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import { ContainerRef } from '../../api/inputs';

export type TerminalMode = 'exec' | 'attach';

export interface TerminalSession {
  id: string;
  container: { id: string; name: string };
  mode: TerminalMode;
  /** The docker CLI command this session stands for: `docker exec -it web sh`, `docker attach web`. */
  command: string;
  /** exec: the program started (e.g. "bash"); attach: the container's main command. */
  shell: string;
}

export interface TerminalExit {
  type: 'exit';
  reason: 'process-exited' | 'container-stopped' | 'engine-lost' | 'detached';
  /** process-exited: the exec'd process's exit code, where the engine reports it. */
  exitCode?: number;
  /** container-stopped: the container's exit code. */
  containerExitCode?: number;
}

/** Output is the terminal's bytes as the program wrote them (UTF-8, split anywhere); xterm decodes them. */
export type TerminalOutput = { type: 'data'; data: Uint8Array } | TerminalExit;

/** Session ids are 128 random bits in hex: unguessable, so one client cannot type into another's shell. */
export const TerminalId = z.string().regex(/^[0-9a-f]{32}$/, 'not a terminal id');

export const Cols = z.number().int().min(2).max(1000);
export const Rows = z.number().int().min(1).max(500);

/**
 * Keystrokes and pastes, as the terminal encodes them (text, sent as UTF-8).
 * `binary`: each character is one byte (xterm's onBinary, e.g. some mouse reports).
 */
export const TerminalInputInput = z
  .object({
    id: TerminalId,
    data: z.string().min(1).max(1_000_000),
    binary: z.literal(true).optional(),
  })
  .strict()
  .refine((input) => !input.binary || /^[\x00-\xff]*$/.test(input.data), {
    message: 'binary input holds only characters 0-255',
    path: ['data'],
  });

export const TerminalOpenInput = z
  .object({
    container: ContainerRef,
    mode: z.enum(['exec', 'attach']),
    /** exec: the command to run; absent: bash where the container has it, else sh. */
    command: z.array(z.string().min(1).max(4096)).min(1).max(64).optional(),
    /** exec: user[:group] or uid[:gid]. */
    user: z
      .string()
      .trim()
      .max(256)
      .regex(/^[A-Za-z0-9_.:-]*$/, 'not a user name or id')
      .optional(),
    /** exec: absolute working directory. */
    workdir: z
      .string()
      .trim()
      .max(4096)
      .regex(/^(\/.*)?$/, 'use an absolute path')
      .optional(),
    cols: Cols,
    rows: Rows,
  })
  .strict();

export const terminalContract = {
  'terminal.open': request<TerminalSession>()(TerminalOpenInput),
  'terminal.input': request<void>()(TerminalInputInput),
  'terminal.resize': request<void>()(z.object({ id: TerminalId, cols: Cols, rows: Rows }).strict()),
  /** The renderer drew this much more output (bytes of the data events). */
  'terminal.ack': request<void>()(
    z.object({ id: TerminalId, bytes: z.number().int().min(1).max(100_000_000) }).strict(),
  ),
  /** Ends the session: exec closes the shell's terminal; attach detaches and leaves the container running. */
  'terminal.close': request<void>()(z.object({ id: TerminalId }).strict()),
  /** Output, then one exit event. Subscribing again (after a reconnect) continues where the session is. */
  'terminal.output': subscription<TerminalOutput>()(z.object({ id: TerminalId }).strict()),
  /**
   * The session's recent output (bounded), to redraw a new screen (a reloaded page) before subscribing:
   * the subscription then starts with what was not sent yet.
   */
  'terminal.replay': request<{ session: TerminalSession; text: string }>()(z.object({ id: TerminalId }).strict()),
} as const;
