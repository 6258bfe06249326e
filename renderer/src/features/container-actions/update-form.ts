// The update dialog's form: a container's current restart policy and limits
// as the fields show them, and the fields → the containers.update input with
// only what the user changed (docker update leaves the rest as it is). Checked
// with the contract's own schema, so a bad field is named before anything
// reaches the engine.
import type { z } from 'zod';
import { UpdateInput } from '../../../../runtime/domains/containers/contract';
import type { ContainerDetails } from '../../../../runtime/domains/containers/types';
import { memorySize } from '../../../../runtime/api/run-flags';

export type RestartName = 'no' | 'always' | 'unless-stopped' | 'on-failure';

export interface LimitsDraft {
  restart: RestartName;
  restartMaxRetries: string;
  /** "" is no limit. */
  memory: string;
  /** "" is the engine's default (twice the memory); "-1" swap without a limit. */
  memorySwap: string;
  cpus: string;
  pidsLimit: string;
}

export type UpdateFields = z.input<typeof UpdateInput>;

/** Field → an i18n key under containerActions.update.errors. */
export type LimitProblems = Partial<Record<keyof LimitsDraft | 'form', string>>;

const RESTARTS: readonly RestartName[] = ['no', 'always', 'unless-stopped', 'on-failure'];

/** What the container has now, as the form shows it. */
export function currentLimits(d: Pick<ContainerDetails, 'restartPolicy' | 'limits'>): LimitsDraft {
  const name = RESTARTS.includes(d.restartPolicy.name as RestartName) ? (d.restartPolicy.name as RestartName) : 'no';
  const l = d.limits;
  return {
    restart: name,
    restartMaxRetries:
      name === 'on-failure' && d.restartPolicy.maximumRetryCount > 0 ? String(d.restartPolicy.maximumRetryCount) : '',
    memory: l.memory > 0 ? memorySize(l.memory) : '',
    // The engine's default (twice the memory) is shown as no value of its own.
    memorySwap:
      l.memorySwap === -1 ? '-1' : l.memorySwap > 0 && l.memorySwap !== 2 * l.memory ? memorySize(l.memorySwap) : '',
    cpus: l.cpus > 0 ? String(l.cpus) : '',
    pidsLimit: l.pidsLimit > 0 ? String(l.pidsLimit) : '',
  };
}

/** The input for what changed, or the problems of the fields. */
export function toUpdateInput(
  id: string,
  now: LimitsDraft,
  draft: LimitsDraft,
): { input?: z.output<typeof UpdateInput>; problems: LimitProblems } {
  const problems: LimitProblems = {};
  const changed = (k: keyof LimitsDraft) => draft[k].trim() !== now[k].trim();
  const fields: UpdateFields = { id };
  if (draft.restart !== now.restart || (draft.restart === 'on-failure' && changed('restartMaxRetries'))) {
    fields.restart = draft.restart;
    if (draft.restart === 'on-failure' && draft.restartMaxRetries.trim() !== '') {
      if (!/^\d{1,7}$/.test(draft.restartMaxRetries.trim())) problems.restartMaxRetries = 'retriesBad';
      else fields.restartMaxRetries = Number(draft.restartMaxRetries.trim());
    }
  }
  for (const key of ['memory', 'memorySwap'] as const) {
    if (!changed(key)) continue;
    const value = draft[key].trim();
    // docker update cannot take a limit away: only a new container can be without it.
    if (value === '') problems[key] = 'cannotClear';
    else fields[key] = value;
  }
  // Memory alone, with the engine's default swap: swap stays twice the memory, as `docker run -m` gives.
  if (
    fields.memory !== undefined &&
    fields.memorySwap === undefined &&
    now.memorySwap === '' &&
    draft.memorySwap === ''
  ) {
    const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(fields.memory);
    if (m) fields.memorySwap = `${Number(m[1]) * 2}${(m[2] ?? '').toLowerCase()}`;
  }
  if (changed('cpus')) {
    const value = draft.cpus.trim();
    const n = Number(value);
    if (value === '') problems.cpus = 'cannotClear';
    else if (!Number.isFinite(n) || n <= 0) problems.cpus = 'cpusBad';
    else fields.cpus = n;
  }
  if (changed('pidsLimit')) {
    const value = draft.pidsLimit.trim();
    if (value === '') fields.pidsLimit = -1;
    else if (!/^-?\d{1,7}$/.test(value) || Number(value) < -1 || Number(value) === 0) problems.pidsLimit = 'pidsBad';
    else fields.pidsLimit = Number(value);
  }
  if (Object.keys(problems).length > 0) return { problems };
  const parsed = UpdateInput.safeParse(fields);
  if (parsed.success) return { input: parsed.data, problems };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'memory' || field === 'memorySwap') problems[field] = 'memoryBad';
    else if (field === 'cpus') problems.cpus = 'cpusBad';
    else if (field === 'pidsLimit') problems.pidsLimit = 'pidsBad';
    else problems.form = 'nothing';
  }
  return { problems };
}
