// Learn: the shapes of a lesson's files (lesson.yaml, en.yaml, ko.yaml) and
// of its checks, as zod schemas. A lesson that does not fit is refused with
// the file and the field named (see `describeIssues`).
import { z } from 'zod';
import { LessonId } from './contract';

/** The `data-learn` values Wharf's pages carry: a step's `ui.target` is one of them. */
export const UI_TARGETS = [
  'run.image',
  'run.name',
  'run.command',
  'run.ports',
  'run.volumes',
  'run.submit',
  'containers.list',
  'containers.stop',
  'containers.remove',
  'images.list',
  'images.pull',
  'images.tag',
  'images.push',
  'build.submit',
  'volumes.create',
  'volumes.list',
  'networks.create',
  'compose.open',
  'compose.up',
  'compose.down',
  'disk.prune',
  'stats.dashboard',
  'terminals.host',
  'pods.play',
] as const;

const Key = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-zA-Z0-9-]*$/, 'use letters, digits and dashes (a-z first)');
const Name = z.string().min(1).max(200);
const Port = z.number().int().min(1).max(65535);
const Text = z.string().trim().min(1, 'must not be empty');

// --- checks: one key per check object; `all` combines ---

export const ContainerCheck = z
  .object({
    name: Name.optional(),
    image: Name.optional(),
    state: z.enum(['running', 'exited', 'created']).optional(),
    exitCode: z.number().int().min(0).max(255).optional(),
    /** Text the container's command (entrypoint and arguments, joined by spaces) contains. */
    command: Name.optional(),
    publishes: z.object({ container: Port, host: Port.optional() }).strict().optional(),
    mounts: z
      .object({ volume: Name.optional(), source: Name.optional(), destination: Name })
      .strict()
      .refine((m) => !(m.volume !== undefined && m.source !== undefined), 'give volume or source, not both')
      .optional(),
    network: Name.optional(),
    memory: z.number().int().positive().optional(),
    labelled: z.literal(true).optional(),
  })
  .strict();
export const NoContainerCheck = z
  .object({
    name: Name.optional(),
    image: Name.optional(),
    state: z.enum(['running', 'exited', 'created']).optional(),
    /** Only containers carrying this lesson's label count (a prune of the whole engine is not asked for). */
    labelled: z.literal(true).optional(),
  })
  .strict();
export const ImageCheck = z.object({ ref: Name, minLayers: z.number().int().positive().optional() }).strict();
export const RefCheck = z.object({ ref: Name }).strict();
/** The tag `ref` is gone, or (`dangling`) no dangling image (`<none>:<none>`) remains; exactly one of them. */
export const NoImageCheck = z
  .object({ ref: Name.optional(), dangling: z.literal(true).optional() })
  .strict()
  .refine((c) => (c.ref !== undefined) !== (c.dangling !== undefined), 'give ref or dangling: true, exactly one');
/**
 * `ref` starts with the first `cachedSteps` filesystem layers of `base`
 * (by default all of them): the second build reused the cache. Counting
 * layers depends on the FROM image, so lessons leave the count out.
 */
export const BuildCachedCheck = z
  .object({ ref: Name, base: Name, cachedSteps: z.number().int().positive().optional() })
  .strict();
export const NameCheck = z.object({ name: Name }).strict();
export const VolumeFileCheck = z.object({ volume: Name, path: z.string().startsWith('/'), contains: Name }).strict();
export const NetworkCheck = z.object({ name: Name, connects: z.array(Name).min(1).optional() }).strict();
export const ComposeCheck = z
  .object({ project: Name, services: z.array(Name).min(1).optional(), running: z.literal(true).optional() })
  .strict();
export const ProjectCheck = z.object({ project: Name }).strict();
export const PodCheck = z
  .object({ name: Name, containers: z.number().int().positive().optional(), running: z.literal(true).optional() })
  .strict();

export type CheckSpec =
  | { container: z.infer<typeof ContainerCheck> }
  | { noContainer: z.infer<typeof NoContainerCheck> }
  | { image: z.infer<typeof ImageCheck> }
  | { noImage: z.infer<typeof NoImageCheck> }
  | { buildCached: z.infer<typeof BuildCachedCheck> }
  | { volume: z.infer<typeof NameCheck> }
  | { noVolume: z.infer<typeof NameCheck> }
  | { volumeFile: z.infer<typeof VolumeFileCheck> }
  | { network: z.infer<typeof NetworkCheck> }
  | { noNetwork: z.infer<typeof NameCheck> }
  | { compose: z.infer<typeof ComposeCheck> }
  | { noCompose: z.infer<typeof ProjectCheck> }
  | { pushed: z.infer<typeof RefCheck> }
  | { pod: z.infer<typeof PodCheck> }
  | { manual: true }
  | { all: CheckSpec[] };

const CHECK_SCHEMAS: Record<string, z.ZodType> = {
  container: ContainerCheck,
  noContainer: NoContainerCheck,
  image: ImageCheck,
  noImage: NoImageCheck,
  buildCached: BuildCachedCheck,
  volume: NameCheck,
  noVolume: NameCheck,
  volumeFile: VolumeFileCheck,
  network: NetworkCheck,
  noNetwork: NameCheck,
  compose: ComposeCheck,
  noCompose: ProjectCheck,
  pushed: RefCheck,
  pod: PodCheck,
  manual: z.literal(true),
  all: z.array(z.lazy(() => Check)).min(2, 'all: combines at least two checks'),
};
export const CHECK_KINDS = Object.keys(CHECK_SCHEMAS);

/** One key naming the kind, its value that kind's fields; errors point inside the kind that was meant. */
export const Check: z.ZodType<CheckSpec> = z
  .record(z.string(), z.unknown(), { error: 'a check is a map with one key: its kind' })
  .superRefine((value, ctx) => {
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a check has exactly one key (${CHECK_KINDS.join(', ')}); found ${keys.join(', ') || 'none'}`,
      });
      return;
    }
    const kind = keys[0]!;
    const schema = CHECK_SCHEMAS[kind];
    if (schema === undefined) {
      ctx.addIssue({ code: 'custom', path: [kind], message: `unknown check "${kind}" (${CHECK_KINDS.join(', ')})` });
      return;
    }
    const parsed = schema.safeParse(value[kind]);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: [kind, ...issue.path], message: issue.message });
  }) as unknown as z.ZodType<CheckSpec>;

// --- lesson.yaml ---

export const LessonFile = z
  .object({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'a relative file name'),
    content: z.string().max(100_000),
  })
  .strict();

export const LessonStepSpec = z
  .object({
    id: Key,
    /** The command(s) to type, one per line. */
    command: Text,
    ui: z
      .object({
        route: z.string().regex(/^[a-z][a-z0-9/-]*$/, 'a route of the renderer, e.g. run'),
        target: z.enum(UI_TARGETS, { error: `one of ${UI_TARGETS.join(', ')}` }),
      })
      .strict()
      .optional(),
    files: z.array(LessonFile).min(1).optional(),
    check: Check,
  })
  .strict();

export const LessonQuestionSpec = z
  .object({
    id: Key,
    choices: z.array(Key).min(2).max(6),
    answer: Key,
  })
  .strict()
  .refine((q) => q.choices.includes(q.answer), { message: 'answer must be one of choices', path: ['answer'] })
  .refine((q) => new Set(q.choices).size === q.choices.length, {
    message: 'choices must differ',
    path: ['choices'],
  });

export const LessonSpec = z
  .object({
    id: LessonId,
    order: z.number().int().min(1).max(99),
    minutes: z.number().int().min(1).max(60),
    engine: z.enum(['any', 'podman']),
    images: z.array(Name).default([]),
    steps: z.array(LessonStepSpec).min(1),
    questions: z.array(LessonQuestionSpec).default([]),
  })
  .strict()
  .refine((l) => new Set(l.steps.map((s) => s.id)).size === l.steps.length, {
    message: 'step ids must differ',
    path: ['steps'],
  })
  .refine((l) => new Set(l.questions.map((q) => q.id)).size === l.questions.length, {
    message: 'question ids must differ',
    path: ['questions'],
  });
export type LessonSpec = z.infer<typeof LessonSpec>;
export type LessonStepSpec = z.infer<typeof LessonStepSpec>;

// --- en.yaml, ko.yaml ---

export const LocaleStep = z.object({ title: Text, body: Text, hint: Text.optional() }).strict();
export const LocaleQuestion = z.object({ prompt: Text, choices: z.record(Key, Text), explanation: Text }).strict();
export const LessonLocaleText = z
  .object({
    title: Text,
    summary: Text,
    intro: Text,
    outro: Text,
    steps: z.record(Key, LocaleStep),
    questions: z.record(Key, LocaleQuestion).default({}),
  })
  .strict();
export type LessonLocaleText = z.infer<typeof LessonLocaleText>;

/** A lesson that is not right, with the file and field named in each line. */
export class LessonError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'LessonError';
  }
}

/**
 * The issues as lines "file: field: message". Array positions under
 * `steps` and `questions` are named by the item's id when it has one
 * (`steps[run].check.container.state`).
 */
export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[], raw?: unknown): string[] {
  return issues.map((issue) => `${file}: ${fieldPath(issue.path, raw) || '(top)'}: ${issue.message}`);
}

function fieldPath(path: readonly PropertyKey[], raw: unknown): string {
  let out = '';
  let node: unknown = raw;
  for (const part of path) {
    if (typeof part === 'number') {
      const item = Array.isArray(node) ? (node[part] as unknown) : undefined;
      const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      out += typeof id === 'string' ? `[${id}]` : `[${part}]`;
      node = item;
    } else {
      out += out === '' ? String(part) : `.${String(part)}`;
      node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined;
    }
  }
  return out;
}

/** Parses `raw` with `schema`, or throws a LessonError naming `file` and the fields. */
export function parseWith<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new LessonError(describeIssues(file, parsed.error.issues, raw));
  return parsed.data;
}
