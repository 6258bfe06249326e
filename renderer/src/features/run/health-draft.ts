// The run form's health check fields as typed, and the form's `health` from them.
import type { RunHealth } from '../../../../runtime/domains/run/types';
import type { Problems } from './run-draft';

export interface HealthDraft {
  cmd: string;
  interval: string;
  timeout: string;
  startPeriod: string;
  retries: string;
}

export const emptyHealth = (): HealthDraft => ({ cmd: '', interval: '', timeout: '', startPeriod: '', retries: '' });

/** A duration as docker's --health-* flags take it. */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** The form's health check, with each field's problem under health.<field>. */
export function healthFromDraft(d: HealthDraft, problems: Problems): RunHealth | undefined {
  const h: RunHealth = {};
  const cmd = d.cmd.trim();
  if (cmd !== '') h.cmd = cmd;
  for (const key of ['interval', 'timeout', 'startPeriod'] as const) {
    const v = d[key].trim();
    if (v === '') continue;
    if (!DURATION.test(v)) problems[`health.${key}`] = { key: 'durationBad' };
    else h[key] = v;
  }
  const retries = d.retries.trim();
  if (retries !== '') {
    if (!/^\d{1,4}$/.test(retries) || Number(retries) > 1000) problems['health.retries'] = { key: 'healthRetriesBad' };
    else h.retries = Number(retries);
  }
  return Object.keys(h).length > 0 ? h : undefined;
}

export function healthToDraft(h: RunHealth | undefined): HealthDraft {
  return {
    cmd: h?.cmd ?? '',
    interval: h?.interval ?? '',
    timeout: h?.timeout ?? '',
    startPeriod: h?.startPeriod ?? '',
    retries: h?.retries !== undefined ? String(h.retries) : '',
  };
}
