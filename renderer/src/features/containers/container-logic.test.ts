import { describe, expect, it } from 'vitest';
import { canRun, formatPorts } from './container-logic';

describe('container logic', () => {
  it('enables only the actions that make sense', () => {
    expect(canRun('start', 'running')).toBe(false);
    expect(canRun('start', 'exited')).toBe(true);
    expect(canRun('stop', 'exited')).toBe(false);
    expect(canRun('restart', 'created')).toBe(false);
    expect(canRun('remove', 'running')).toBe(true);
    expect(canRun('pause', 'running')).toBe(true);
    expect(canRun('pause', 'paused')).toBe(false);
    expect(canRun('unpause', 'paused')).toBe(true);
    expect(canRun('unpause', 'running')).toBe(false);
  });

  it('shows each port once, host side first', () => {
    expect(
      formatPorts([
        { ip: '::', publicPort: 8080, privatePort: 80, type: 'tcp' },
        { ip: '0.0.0.0', publicPort: 8080, privatePort: 80, type: 'tcp' },
        { privatePort: 90, type: 'tcp' },
      ]),
    ).toEqual(['0.0.0.0:8080 → 80/tcp', '90/tcp']);
  });
});
