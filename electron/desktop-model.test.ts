import { describe, expect, it } from 'vitest';
import type { EmbeddedEngineStatus } from '../runtime/domains/engine/types';
import type { VmStatus } from '../runtime/domains/vm/types';
import {
  appAddress,
  closeKeepsRunning,
  quitDialog,
  quitOutcome,
  quitPlan,
  trayNoticeDue,
  type QuitInputs,
} from './desktop-model';
import { languageOf } from './words';

const base = { keepEmbeddedEngine: false };

describe('closing the window', () => {
  it('macOS always stays running, whatever the setting', () => {
    expect(closeKeepsRunning('darwin', { ...base, trayOnClose: false }, true)).toBe(true);
    expect(closeKeepsRunning('darwin', base, false)).toBe(true);
  });

  it('Windows stays in the tray unless switched off; Linux quits unless switched on', () => {
    expect(closeKeepsRunning('win32', base, true)).toBe(true);
    expect(closeKeepsRunning('win32', { ...base, trayOnClose: false }, true)).toBe(false);
    expect(closeKeepsRunning('linux', base, true)).toBe(false);
    expect(closeKeepsRunning('linux', { ...base, trayOnClose: true }, true)).toBe(true);
  });

  it('never stays hidden without a tray icon to come back by', () => {
    expect(closeKeepsRunning('linux', { ...base, trayOnClose: true }, false)).toBe(false);
    expect(closeKeepsRunning('win32', base, false)).toBe(false);
  });

  it('says so once', () => {
    expect(trayNoticeDue(base)).toBe(true);
    expect(trayNoticeDue({ ...base, trayNoticeShown: true })).toBe(false);
  });
});

const engine = (phase: EmbeddedEngineStatus['phase'], keepRunning = false): EmbeddedEngineStatus => ({
  kind: 'docker',
  phase,
  logTail: [],
  keepRunning,
});
const vm = (phase: VmStatus['phase']): VmStatus => ({
  driver: 'qemu',
  phase,
  logTail: [],
  resources: { cpus: 2, memoryMiB: 2048, diskGiB: 20 },
});
const plan = (over: Partial<QuitInputs>) => quitPlan({ embedded: null, vm: undefined, settings: base, ...over });

describe('quitting', () => {
  it('quits at once when nothing of Wharf runs', () => {
    expect(plan({})).toEqual({ kind: 'quit' });
    expect(plan({ embedded: engine('stopped'), vm: vm('stopped') })).toEqual({ kind: 'quit' });
  });

  it('asks about a private engine or an engine VM that runs', () => {
    expect(plan({ embedded: engine('running') })).toEqual({ kind: 'ask', subject: 'engine' });
    expect(plan({ embedded: engine('starting') })).toEqual({ kind: 'ask', subject: 'engine' });
    expect(plan({ vm: vm('running') })).toEqual({ kind: 'ask', subject: 'vm' });
    expect(plan({ vm: vm('booting') })).toEqual({ kind: 'ask', subject: 'vm' });
  });

  it('follows a remembered answer without asking', () => {
    const stop = { ...base, quitEngine: 'stop' as const };
    const keep = { ...base, quitEngine: 'keep' as const };
    expect(plan({ embedded: engine('running'), settings: stop })).toEqual({ kind: 'quit', keepEngine: false });
    expect(plan({ embedded: engine('running'), settings: keep })).toEqual({ kind: 'quit', keepEngine: true });
    expect(plan({ vm: vm('running'), settings: keep })).toEqual({ kind: 'quit', keepEngine: false });
  });

  it("the private engine's own keep-running switch is an answer already", () => {
    expect(plan({ embedded: engine('running', true) })).toEqual({ kind: 'quit', keepEngine: true });
    expect(plan({ embedded: engine('running'), settings: { keepEmbeddedEngine: true } })).toEqual({
      kind: 'quit',
      keepEngine: true,
    });
    // A remembered "stop" does not override it; the VM still asks.
    expect(plan({ embedded: engine('running', true), settings: { ...base, quitEngine: 'stop' } })).toEqual({
      kind: 'quit',
      keepEngine: true,
    });
    expect(plan({ embedded: engine('running', true), vm: vm('running') })).toEqual({ kind: 'ask', subject: 'vm' });
  });

  it('the engine question offers stop, keep and cancel; the VM one stop and cancel', () => {
    const d = quitDialog('engine', 'en');
    expect(d.buttons).toEqual(['Stop it and quit', 'Leave it running and quit', 'Cancel']);
    expect(d.cancelId).toBe(2);
    expect(d.checkboxLabel).toMatch(/Remember/);
    const v = quitDialog('vm', 'ko');
    expect(v.buttons).toEqual(['가상 머신을 멈추고 종료', '취소']);
    expect(v.cancelId).toBe(1);
  });

  it('reads the answer, and remembers it only when asked to', () => {
    const d = quitDialog('engine', 'en');
    expect(quitOutcome(d, 0, false)).toEqual({ kind: 'quit', keepEngine: false });
    expect(quitOutcome(d, 1, true)).toEqual({ kind: 'quit', keepEngine: true, remember: 'keep' });
    expect(quitOutcome(d, 2, true)).toEqual({ kind: 'cancel' });
    expect(quitOutcome(d, 9, false)).toEqual({ kind: 'cancel' });
    expect(quitOutcome(quitDialog('vm', 'en'), 0, true)).toEqual({ kind: 'quit', keepEngine: false, remember: 'stop' });
  });
});

describe('language', () => {
  it("the page's choice first, else the system's", () => {
    expect(languageOf('ko', 'en-US')).toBe('ko');
    expect(languageOf(undefined, 'ko-KR')).toBe('ko');
    expect(languageOf(undefined, 'de')).toBe('en');
  });
});

describe('opening Wharf at an address', () => {
  it("takes the app's own hash addresses only", () => {
    expect(appAddress('#/containers/abc123')).toBe('#/containers/abc123');
    expect(appAddress('#/compose/my%20app')).toBe('#/compose/my%20app');
    expect(appAddress(undefined)).toBeUndefined();
    expect(appAddress('https://example.com/')).toBeUndefined();
    expect(appAddress('#/x"><script>')).toBeUndefined();
    expect(appAddress('javascript:alert(1)')).toBeUndefined();
  });
});
