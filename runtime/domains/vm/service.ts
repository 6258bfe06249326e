// The engine VM's requests: its status, Start and Stop (through the engine
// manager, so the connection follows), settings and the guest console.
import { ApiError } from '../../api/errors';
import type { VmSettings } from './types';
import type { VmControls } from '../../engine/manager';
import type { ServiceHandlers } from '../../transport/handlers';
import type { VmController } from '../../vm/controller';
import { VmError } from '../../vm/types';

type VmRequests =
  | 'vm.status'
  | 'vm.start'
  | 'vm.cancel'
  | 'vm.stop'
  | 'vm.settings'
  | 'vm.updateSettings'
  | 'vm.applyWslConfig'
  | 'vm.logs';

export function createVmService(controls: VmControls, vm: VmController): ServiceHandlers<VmRequests, 'vm.watch'> {
  return {
    requests: {
      'vm.status': async () => vm.status(),
      // Resolves once the VM's engine answers; cancelling this request cancels the start, as 'vm.cancel' does.
      'vm.start': async (_input, context) => {
        const onAbort = () => void controls.cancelVmStart().catch(() => undefined);
        context?.signal.addEventListener('abort', onAbort, { once: true });
        try {
          return await controls.startVm();
        } finally {
          context?.signal.removeEventListener('abort', onAbort);
        }
      },
      // A start this client may not have asked for (at launch, from another window): cancelled by name.
      'vm.cancel': () => controls.cancelVmStart(),
      'vm.stop': () => controls.stopVm(),
      'vm.settings': async () => vm.settings(),
      'vm.updateSettings': async (patch) => {
        try {
          const defined = Object.fromEntries(
            Object.entries(patch).filter(([, v]) => v !== undefined),
          ) as Partial<VmSettings>;
          return vm.updateSettings(defined);
        } catch (e) {
          if (e instanceof VmError) {
            throw new ApiError({
              code: 'invalid-input',
              message: e.message,
              ...(e.status.error?.key ? { key: e.status.error.key } : {}),
            });
          }
          throw e;
        }
      },
      'vm.applyWslConfig': async () => {
        try {
          return vm.applyWslConfig();
        } catch (e) {
          if (e instanceof VmError) throw new ApiError({ code: 'invalid-input', message: e.message });
          throw new ApiError({
            code: 'forbidden',
            message: `.wslconfig could not be written: ${(e as Error).message}`,
          });
        }
      },
      'vm.logs': async ({ lines }) => vm.logs(lines ?? 100),
    },
    subscriptions: {
      'vm.watch': (_input, sink) => {
        sink.emit(vm.status());
        return vm.onStatus((s) => sink.emit(s));
      },
    },
  };
}
