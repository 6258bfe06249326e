// The compose tool's own check of a file (or of edited text for it), and
// the model read from what it accepts.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { shellJoin } from '../../api/shell-words';
import { type ComposeTarget, composeConfigArgv } from './cli';
import { readModel } from './model';
import { lineOfService, locateProblems, parseProblems } from './problems';
import { type ToolContext, execTool } from './run';
import type { ComposeModel, ComposeProblem, ComposeValidation } from './types';

/** Reads the files' model directly (podman-compose has no `config`): later files' services replace earlier ones key by key. */
export async function modelFromFiles(files: readonly string[], project: string): Promise<ComposeModel> {
  const merged: Record<string, Record<string, unknown>> = { services: {}, networks: {}, volumes: {} };
  for (const f of files) {
    const doc = parse(await fs.readFile(f, 'utf8')) as Record<string, unknown> | null;
    for (const key of ['services', 'networks', 'volumes'] as const) {
      const part = doc?.[key];
      if (part && typeof part === 'object') Object.assign(merged[key] ?? {}, part);
    }
  }
  return readModel(merged, project);
}

/** The model the compose tool reads from the files, or the tool's problems with them. */
export async function checkFiles(
  ctx: ToolContext,
  target: ComposeTarget,
  cwd: string,
  shownAs?: { temp: string; path: string },
): Promise<ComposeValidation> {
  const argv = composeConfigArgv(target);
  const shown = shownAs ? argv.map((w) => (w === shownAs.temp ? shownAs.path : w)) : argv;
  const command = shellJoin(shown);
  const result = await execTool(ctx, argv, cwd);
  const rename = (text: string) =>
    shownAs
      ? text.split(shownAs.temp).join(shownAs.path).split(basename(shownAs.temp)).join(basename(shownAs.path))
      : text;
  if (result.code !== 0) {
    const file = shownAs?.path ?? target.files[0];
    // The text checked (edited text is in the temporary file, still there): compose's own checks are placed in it.
    const text = await fs.readFile(target.files[0] ?? '', 'utf8').catch(() => '');
    const problems = locateProblems(parseProblems(rename(`${result.stderr}\n${result.stdout}`), file), text);
    return {
      ok: false,
      command,
      problems:
        problems.length > 0
          ? problems
          : [
              {
                message: `The compose tool stopped with exit code ${result.code ?? 'unknown'}.`,
                ...(file ? { file } : {}),
              },
            ],
    };
  }
  if (target.tool === 'podman-compose') {
    const model = await modelFromFiles(target.files, target.project);
    const problems = undefinedDependencies(
      model,
      shownAs?.path ?? target.files[0],
      await fs.readFile(target.files[0] ?? '', 'utf8').catch(() => ''),
    );
    return problems.length > 0 ? { ok: false, command, problems } : { ok: true, command, model };
  }
  return { ok: true, command, model: readModel(parse(result.stdout), target.project) };
}

/**
 * podman-compose starts a project whose depends_on names a missing service
 * and fails half-way; compose's own check refuses it. Wharf checks it the
 * same way for podman-compose.
 */
function undefinedDependencies(model: ComposeModel, file: string | undefined, text: string): ComposeProblem[] {
  const known = new Set(model.services.map((s) => s.name));
  return model.services.flatMap((s) =>
    s.dependsOn
      .filter((d) => !known.has(d.service))
      .map((d) => {
        const line = lineOfService(text, s.name);
        return {
          message: `Service '${s.name}' depends on service '${d.service}' which is undefined.`,
          ...(file ? { file } : {}),
          ...(line !== undefined ? { line } : {}),
          hint: {
            message: `A service depends on "${d.service}", which the file does not define.`,
            hint: 'Define that service, or correct the name under depends_on.',
            key: 'compose.problem.undefinedDependency',
            params: { service: s.name, dependency: d.service },
          },
        };
      }),
  );
}

/** Checks edited text for a file: written beside it (so relative paths resolve the same), checked, removed. */
export async function checkText(
  ctx: ToolContext,
  project: string,
  path: string,
  content: string,
): Promise<ComposeValidation> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.wharf-${randomBytes(4).toString('hex')}.yaml`);
  await fs.writeFile(temp, content, { mode: 0o600 });
  try {
    return await checkFiles(ctx, { tool: ctx.tool.kind, project, files: [temp] }, dir, { temp, path });
  } finally {
    await fs.rm(temp, { force: true });
  }
}
