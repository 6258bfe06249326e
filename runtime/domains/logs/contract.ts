// Logs: a container's output (what its main process printed), streamed.
import { z } from 'zod';
import { subscription } from '../../api/define';
import type { LogEvent } from './types';
import { ContainerRef } from '../../api/inputs';

/** Largest tail a user can ask for by number; 'all' is the way to ask for everything. */
export const MAX_LOG_TAIL = 1_000_000;

export const LogsStreamInput = z
  .object({
    container: ContainerRef,
    /** Lines from the end of the log to start with. */
    tail: z.union([z.number().int().min(0).max(MAX_LOG_TAIL), z.literal('all')]),
    /** Only lines printed at or after this time (unix seconds). */
    since: z.number().int().min(0).max(32_503_680_000).optional(),
    /** Give each line the engine's timestamp (docker logs -t). */
    timestamps: z.boolean(),
    /** Keep streaming new lines, across restarts of the container (docker logs -f). */
    follow: z.boolean(),
  })
  .strict();

export const logsContract = {
  /**
   * A container's log: lines in batches, and the state of the stream.
   * The first event of every subscription (and of every re-subscription
   * after a lost connection) is `reset`: the lines that follow replace
   * whatever the caller holds.
   */
  'logs.stream': subscription<LogEvent>()(LogsStreamInput),
} as const;
