export const PINS: {
  package: string;
  version: string;
  revision: number;
  arches: Record<string, { deb: string; debSha256: string; busyboxSha256: string }>;
  applets: string[];
};
export function debianMirror(env?: NodeJS.ProcessEnv): string;
export function ensureHelperBusybox(options?: { out?: string; env?: NodeJS.ProcessEnv }): Promise<string[]>;
export function describeProblems(problems: readonly string[]): string;
