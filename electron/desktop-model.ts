// The desktop app's decisions on closing the window and on quitting, as pure
// functions of the platform, the settings and what Wharf runs (desktop.ts
// acts on them).
import type { EmbeddedEngineStatus } from '../runtime/domains/engine/types';
import type { QuitEngineChoice, RuntimeSettings } from '../runtime/domains/settings/types';
import type { VmStatus } from '../runtime/domains/vm/types';
import { trayOnCloseDefault } from '../runtime/domains/settings/contract';
import { word, type Lang } from './words';

type DesktopSettings = Pick<RuntimeSettings, 'trayOnClose' | 'trayNoticeShown' | 'keepEmbeddedEngine' | 'quitEngine'>;

/**
 * What closing the last window does: macOS apps always stay (the menu bar icon
 * and the Dock bring them back); elsewhere Wharf stays when the setting says
 * so and a tray icon could be shown, else it quits.
 */
export function closeKeepsRunning(platform: NodeJS.Platform, settings: DesktopSettings, trayShown: boolean): boolean {
  if (platform === 'darwin') return true;
  return trayShown && (settings.trayOnClose ?? trayOnCloseDefault(platform));
}

/** The one-time notice that Wharf is still running, due the first time the window closes to the tray. */
export const trayNoticeDue = (settings: DesktopSettings): boolean => settings.trayNoticeShown !== true;

const ACTIVE_VM = new Set<VmStatus['phase']>(['preparing', 'booting', 'waiting-engine', 'running']);

export type QuitPlan =
  /** keepEngine: the private engine's fate when one runs (undefined: nothing of Wharf's runs). */
  | { kind: 'quit'; keepEngine?: boolean }
  /** Ask first: about the private engine (which may be left running) or the engine VM (which stops). */
  | { kind: 'ask'; subject: 'engine' | 'vm' };

export interface QuitInputs {
  embedded: EmbeddedEngineStatus | null;
  /** The engine VM, when Wharf manages one. */
  vm: VmStatus | undefined;
  settings: DesktopSettings;
}

/** What quitting does with what Wharf started: stop it, leave it, or ask (the default, until remembered). */
export function quitPlan({ embedded, vm, settings }: QuitInputs): QuitPlan {
  const engineRuns = embedded !== null && (embedded.phase === 'running' || embedded.phase === 'starting');
  const vmRuns = vm !== undefined && ACTIVE_VM.has(vm.phase);
  if (!engineRuns && !vmRuns) return { kind: 'quit' };
  const choice: QuitEngineChoice = settings.quitEngine ?? 'ask';
  // The private engine's own switch in Settings ("keep running after Wharf quits") is already an answer.
  const kept = engineRuns && (embedded.keepRunning || settings.keepEmbeddedEngine);
  if (kept && !vmRuns) return { kind: 'quit', keepEngine: true };
  if (choice === 'stop') return { kind: 'quit', keepEngine: kept };
  if (choice === 'keep') return { kind: 'quit', keepEngine: engineRuns };
  if (kept) return { kind: 'ask', subject: 'vm' };
  return { kind: 'ask', subject: engineRuns ? 'engine' : 'vm' };
}

export type QuitAnswer = 'stop' | 'keep' | 'cancel';

export interface QuitDialog {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  /** What each button means, in the same order. */
  answers: QuitAnswer[];
  defaultId: number;
  cancelId: number;
  checkboxLabel: string;
}

/** The question to ask: the engine may be left running; the engine VM can only stop (Wharf runs it). */
export function quitDialog(subject: 'engine' | 'vm', lang: Lang): QuitDialog {
  const answers: QuitAnswer[] = subject === 'engine' ? ['stop', 'keep', 'cancel'] : ['stop', 'cancel'];
  const label = (a: QuitAnswer) =>
    word(lang, a === 'stop' && subject === 'vm' ? 'desktop.quit.stopVm' : `desktop.quit.${a}`);
  return {
    title: word(lang, 'desktop.quit.title'),
    message: word(lang, `desktop.quit.${subject}`),
    detail: word(lang, `desktop.quit.${subject}Detail`),
    buttons: answers.map(label),
    answers,
    defaultId: 0,
    cancelId: answers.indexOf('cancel'),
    checkboxLabel: word(lang, 'desktop.quit.remember'),
  };
}

export type QuitOutcome =
  { kind: 'cancel' } | { kind: 'quit'; keepEngine: boolean; remember?: Exclude<QuitEngineChoice, 'ask'> };

/** The dialog's answer: which button, and whether "remember" was ticked (cancelling remembers nothing). */
export function quitOutcome(dialog: QuitDialog, response: number, remember: boolean): QuitOutcome {
  const answer = dialog.answers[response] ?? 'cancel';
  if (answer === 'cancel') return { kind: 'cancel' };
  return { kind: 'quit', keepEngine: answer === 'keep', ...(remember ? { remember: answer } : {}) };
}

/** A hash address inside Wharf (#/containers/<id>) to open the window at; anything else is refused. */
export function appAddress(href: string | undefined): string | undefined {
  return href !== undefined && /^#\/[\w\-.~%/]*$/.test(href) ? href : undefined;
}
