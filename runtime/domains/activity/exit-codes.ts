// What a container's exit code means, in words a beginner can act on. Pure:
// the renderer words the meaning (activity.exit.<meaning> in the locale files).

export type ExitMeaning =
  | 'ok'
  | 'error'
  | 'engine'
  | 'cannotRun'
  | 'notFound'
  | 'oom'
  | 'killed'
  | 'segfault'
  | 'terminated'
  | 'interrupted'
  | 'signal'
  | 'other';

export interface ExitExplanation {
  meaning: ExitMeaning;
  /** For codes above 128: the signal number (code − 128) that ended the process. */
  signal?: number;
}

/**
 * 0 success; 1 the program reported an error; 125 the engine could not run
 * it; 126 not executable; 127 not found; 128+n ended by signal n (137 = 9
 * SIGKILL: killed, or out of memory when the engine says OOMKilled; 139 = 11
 * SIGSEGV; 143 = 15 SIGTERM; 130 = 2 SIGINT).
 */
export function explainExitCode(code: number, oomKilled = false): ExitExplanation {
  if (oomKilled) return { meaning: 'oom', ...(code > 128 ? { signal: code - 128 } : {}) };
  switch (code) {
    case 0:
      return { meaning: 'ok' };
    case 1:
      return { meaning: 'error' };
    case 125:
      return { meaning: 'engine' };
    case 126:
      return { meaning: 'cannotRun' };
    case 127:
      return { meaning: 'notFound' };
    case 137:
      return { meaning: 'killed', signal: 9 };
    case 139:
      return { meaning: 'segfault', signal: 11 };
    case 143:
      return { meaning: 'terminated', signal: 15 };
    case 130:
      return { meaning: 'interrupted', signal: 2 };
    default:
      return code > 128 && code < 160 ? { meaning: 'signal', signal: code - 128 } : { meaning: 'other' };
  }
}

/** The exit code in the engine's status text: "Exited (137) 2 minutes ago" → 137. */
export function exitCodeFromStatus(status: string): number | undefined {
  const m = /^Exited \((-?\d+)\)/i.exec(status.trim());
  return m ? Number(m[1]) : undefined;
}
