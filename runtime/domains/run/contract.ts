// Run a container from the run form: the `docker run` line it stands for,
// the reverse (a pasted line → the form), and creating + starting it.
import { z } from 'zod';
import { request } from '../../api/define';
import type { RunCopyResult, RunParseResult, RunStartResult } from './types';
import { ContainerRef } from '../../api/inputs';

const Port = z.number().int().min(1).max(65535);

/** KEY=value or a bare KEY; the name a shell variable can have. */
const EnvEntry = z
  .string()
  .min(1)
  .max(65536)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]*(=[\s\S]*)?$/,
    'an environment entry is KEY=value (the name: letters, digits and "_", not starting with a digit)',
  );

/** A duration as docker's --health-* flags take it: "30s", "1m30s", "500ms". */
const Duration = z
  .string()
  .max(32)
  .regex(/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/, 'a duration is a number with a unit: 30s, 1m, 500ms');

export const RunFormInput = z
  .object({
    image: z
      .string()
      .min(1)
      .max(512)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.\-/:@]*$/, 'not an image name or id'),
    name: z
      .string()
      .max(256)
      .regex(/^([a-zA-Z0-9][a-zA-Z0-9_.-]*)?$/, 'a name uses letters, digits, "_", "." and "-"')
      .optional(),
    command: z.array(z.string().max(65536)).max(1000),
    entrypoint: z.string().max(4096).optional(),
    ports: z
      .array(
        z
          .object({
            hostIp: z
              .string()
              .max(64)
              .regex(/^[0-9a-fA-F.:]*$/, 'not an IP address')
              .optional(),
            hostPort: Port.optional(),
            containerPort: Port,
            protocol: z.enum(['tcp', 'udp', 'sctp']),
          })
          .strict(),
      )
      .max(200),
    env: z.array(EnvEntry).max(1000),
    volumes: z
      .array(
        z
          .object({
            type: z.enum(['volume', 'bind', 'tmpfs']),
            source: z.string().max(4096).optional(),
            target: z.string().min(1).max(4096).startsWith('/', 'a target is an absolute path in the container'),
            readOnly: z.boolean(),
            syntax: z.enum(['volume', 'mount']).optional(),
          })
          .strict()
          .refine(
            (v) => v.type !== 'bind' || (v.source !== undefined && v.source !== ''),
            'a bind mount needs a host folder',
          ),
      )
      .max(200),
    labels: z
      .array(
        z
          .string()
          .max(65536)
          .regex(/^[^=\s][^=]*(=[\s\S]*)?$/, 'a label is KEY=value'),
      )
      .max(1000)
      .optional(),
    network: z.string().max(256).optional(),
    restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).optional(),
    restartMaxRetries: z.number().int().min(0).max(1_000_000).optional(),
    interactive: z.boolean(),
    tty: z.boolean(),
    remove: z.boolean(),
    detach: z.boolean(),
    cpus: z.number().positive().max(4096).optional(),
    memory: z
      .string()
      .max(32)
      .regex(/^\d+(\.\d+)?\s*[bkmgBKMG]?[bB]?$/, 'a memory size is a number with b, k, m or g')
      .optional(),
    workdir: z.string().max(4096).optional(),
    user: z.string().max(256).optional(),
    hostname: z.string().max(256).optional(),
    health: z
      .object({
        cmd: z.string().min(1).max(4096).optional(),
        interval: Duration.optional(),
        timeout: Duration.optional(),
        startPeriod: Duration.optional(),
        retries: z.number().int().min(0).max(1000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    (f) => !(f.remove && f.restart !== undefined && f.restart !== 'no'),
    'auto-remove (--rm) cannot go with a restart policy',
  );

export const runContract = {
  /** The form's `docker run …` line, quoted for a POSIX shell, and the same as words. */
  'run.describe': request<{ command: string; argv: string[] }>()(RunFormInput),
  /**
   * A pasted `docker run …` line → the form, the flags the form cannot hold
   * (named with their values), and problems worth knowing. Not a docker run
   * line at all: code 'invalid-input'.
   */
  'run.parse': request<RunParseResult>()(z.object({ command: z.string().min(1).max(100_000) }).strict()),
  /** A .env file's text, read as `docker run --env-file` reads it: the entries and the lines that are not KEY=value. */
  'run.importEnv': request<{ env: string[]; errors: Array<{ line: number; message: string }> }>()(
    z.object({ text: z.string().max(1_000_000) }).strict(),
  ),
  /**
   * Creates and starts the container (always in the background). A taken
   * host port is refused first (code 'conflict', naming the port and who holds
   * it); an image not present is pulled. Returns the new container's id.
   */
  'run.start': request<RunStartResult>()(RunFormInput),
  /**
   * Duplicate: the form that runs a copy of a container (docker inspect of it,
   * less what its image gives anyway), named "<name>-copy" (or the next free
   * "-copy-N"), and the settings the form cannot hold.
   */
  'run.fromContainer': request<RunCopyResult>()(z.object({ id: ContainerRef }).strict()),
} as const;
