import { describe, expect, it, vi } from 'vitest';
import type { VmStatus } from './types';
import type { VmControls } from '../../engine/manager';
import type { VmController } from '../../vm/controller';
import { createVmService } from './service';

describe('vm service', () => {
  it('cancels the start when the vm.start request is cancelled', async () => {
    let finish: (status: VmStatus) => void = () => {};
    const stopped = { phase: 'stopped', cancelled: true } as unknown as VmStatus;
    const manager = {
      startVm: vi.fn(() => new Promise<VmStatus>((resolve) => (finish = resolve))),
      cancelVmStart: vi.fn(async () => {
        finish(stopped);
        return stopped;
      }),
    } as unknown as VmControls;
    const service = createVmService(manager, {} as VmController);
    const abort = new AbortController();
    const starting = service.requests['vm.start']({}, { signal: abort.signal });
    expect(manager.cancelVmStart).not.toHaveBeenCalled();
    abort.abort();
    expect(manager.cancelVmStart).toHaveBeenCalledTimes(1);
    await expect(starting).resolves.toBe(stopped);
    // Once the start is over, the signal no longer reaches the VM.
    const again = new AbortController();
    const next = service.requests['vm.start']({}, { signal: again.signal });
    finish(stopped);
    await next;
    again.abort();
    expect(manager.cancelVmStart).toHaveBeenCalledTimes(1);
  });
});
