// What a tray item does: the runtime's own request handlers (the ones the
// page's IPC reaches), with their input checked by the contract's schema.
// No Electron here, so it runs against a real engine in the tests.
import type { RequestHandlers } from '../runtime/transport/handlers';
import { ContainerActionInput } from '../runtime/domains/containers/contract';
import type { TrayAction } from './tray-model';
import { word, type Lang } from './words';

export interface TrayActionDeps {
  requests: Pick<RequestHandlers, 'containers.act' | 'vm.start' | 'vm.stop' | 'vm.cancel'>;
  showWindow(href?: string): void;
  quit(): void;
  /** Tells the user an action failed (title, then the engine's message). */
  failed(title: string, body: string): void;
  language(): Lang;
}

/** Runs the action; resolves once the engine answered (failures are told through `failed`). */
export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  const failed = (title: string) => (error: unknown) =>
    deps.failed(title, error instanceof Error ? error.message : String(error));
  switch (action.kind) {
    case 'open':
      return deps.showWindow(action.href);
    case 'quit':
      return deps.quit();
    case 'container': {
      const input = ContainerActionInput.parse({
        action: action.action,
        targets: [{ id: action.id, name: action.name }],
      });
      const title = (command: string) => word(deps.language(), 'desktop.tray.failed', { command });
      return deps.requests['containers.act'](input).then(
        (result) => {
          // The engine refused (already stopped, gone): told per container, as the page does.
          for (const outcome of result.outcomes)
            if (!outcome.ok) deps.failed(title(result.command), outcome.error?.message ?? '');
        },
        failed(title(`docker ${action.action} ${action.name}`)),
      );
    }
    case 'vm': {
      const title = word(deps.language(), action.action === 'start' ? 'desktop.tray.vmStart' : 'desktop.tray.vmStop');
      const request = action.action === 'start' ? 'vm.start' : action.action === 'stop' ? 'vm.stop' : 'vm.cancel';
      return deps.requests[request]({}).then(() => undefined, failed(title));
    }
  }
}
