// Stats: live resource use of running containers, as `docker stats` shows it.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import { ContainerRef } from '../../api/inputs';
import type { StatsEvent, StatsHistory, StatsSample } from './types';

/** Most containers one watch may ask for (the rows in view, or every running one on the dashboard). */
export const MAX_WATCHED = 500;

export const StatsWatchInput = z
  .object({
    /** The containers to stream, by full id as the containers list gives them. Duplicates are ignored. */
    ids: z.array(ContainerRef).max(MAX_WATCHED),
    /**
     * What each sample carries: `full` (default) every number, `list` only
     * what the containers list shows (CPU %, memory and its limit), a third
     * of the bytes to encode, send and decode.
     */
    view: z.enum(['full', 'list']).optional(),
    /** Longest a sample waits before it is sent, in ms: one batch per this at most (default 1000). */
    everyMs: z.number().int().min(1000).max(10_000).optional(),
  })
  .strict();

export const statsContract = {
  /**
   * Live samples for exactly these containers (`docker stats <ids>`). The
   * engine streams are shared between watches and closed when no watch asks
   * for a container any more; to watch another set, end this watch and start
   * one with the new set (streams both ask for stay open).
   */
  'stats.watch': subscription<StatsEvent>()(StatsWatchInput),
  /** The samples Wharf kept for one container (the last 15 minutes it was watched), oldest first. */
  'stats.history': request<StatsHistory>()(z.object({ id: ContainerRef }).strict()),
  /**
   * One reading of each container without a stream (`docker stats --no-stream`).
   * `cpu: false` asks the engine for a one-shot reading (quicker; no CPU figure).
   */
  'stats.snapshot': request<StatsSample[]>()(
    z.object({ ids: z.array(ContainerRef).min(1).max(MAX_WATCHED), cpu: z.boolean().default(true) }).strict(),
  ),
} as const;
