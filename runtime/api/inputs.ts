// Input pieces more than one domain uses.
import { z } from 'zod';

export const none = z.object({}).strict();

/** A container id (full or short hex) or name, as the engine accepts them. */
export const ContainerRef = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container id or name');
