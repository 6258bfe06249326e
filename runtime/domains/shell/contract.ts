// A shell on the machine Wharf runs on, pointed at the engine Wharf uses.
// The same session verbs as the container terminals (terminal/contract.ts):
// output is a subscription the renderer acknowledges as it draws.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import { none } from '../../api/inputs';
import { Cols, Rows, TerminalId, TerminalInputInput } from '../terminal/contract';
import type { ShellAvailability, ShellOutput, ShellSession } from './types';

export const ShellOpenInput = z.object({ cols: Cols, rows: Rows }).strict();

export const shellContract = {
  /** Whether the shell is offered here, why not, and where its DOCKER_HOST would point. */
  'shell.available': request<ShellAvailability>()(none),
  /** Starts the user's shell in their home folder; refused when shell.available says no. */
  'shell.open': request<ShellSession>()(ShellOpenInput),
  'shell.input': request<void>()(TerminalInputInput),
  'shell.resize': request<void>()(z.object({ id: TerminalId, cols: Cols, rows: Rows }).strict()),
  /** The renderer drew this much more output (bytes of the data events). */
  'shell.ack': request<void>()(z.object({ id: TerminalId, bytes: z.number().int().min(1).max(100_000_000) }).strict()),
  /** Ends the session: the shell gets a hangup. */
  'shell.close': request<void>()(z.object({ id: TerminalId }).strict()),
  /** Output, then one exit event. Subscribing again (after a reconnect) continues where the session is. */
  'shell.output': subscription<ShellOutput>()(z.object({ id: TerminalId }).strict()),
  /** The session's recent output (bounded), to redraw a new screen before subscribing. */
  'shell.replay': request<{ session: ShellSession; text: string }>()(z.object({ id: TerminalId }).strict()),
} as const;
