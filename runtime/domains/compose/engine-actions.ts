// start/stop/restart/down of a project whose compose files cannot be read
// here (brought up on another machine, or the folder is gone): the same
// action through the engine on the containers its labels name.
import type Docker from 'dockerode';
import type { SubscriptionSink } from '../../transport/handlers';
import { toPlainError } from '../../transport/to-api-error';
import { engineFallbackCommands } from './cli';
import { COMPOSE_LABELS } from './labels';
import { projectContainers } from './projects';
import type { ComposeEvent } from './types';

export type FallbackAction = 'start' | 'stop' | 'restart' | 'down';

const UNREACHABLE_NOTE =
  "The compose file could not be read here, so Wharf acts on the project's containers through the engine instead of running the compose tool.";

/** Whether an engine error only says the container is already in that state. */
const alreadyThere = (e: unknown) => (e as { statusCode?: number }).statusCode === 304;

export function runThroughEngine(
  docker: Docker,
  project: string,
  action: FallbackAction,
  sink: SubscriptionSink<ComposeEvent>,
): () => void {
  let stopped = false;
  void (async () => {
    const containers = await projectContainers(docker, project);
    const networks =
      action === 'down'
        ? (
            await docker.listNetworks({ filters: JSON.stringify({ label: [`${COMPOSE_LABELS.project}=${project}`] }) })
          ).map((n) => n.Name)
        : [];
    const names = containers.map((c) => c.name);
    sink.emit({ type: 'command', command: engineFallbackCommands(action, names, networks).join(' && ') });
    sink.emit({ type: 'output', stream: 'stdout', text: UNREACHABLE_NOTE });
    for (const c of containers) {
      if (stopped) return;
      const container = docker.getContainer(c.info.Id);
      const progress = {
        start: ['starting', 'started'],
        restart: ['starting', 'started'],
        stop: ['stopping', 'stopped'],
        down: ['removing', 'removed'],
      } as const;
      const [doing, done] = progress[action];
      sink.emit({ type: 'step', target: c.name, targetKind: 'container', state: doing });
      try {
        if (action === 'start') await container.start();
        else if (action === 'stop') await container.stop();
        else if (action === 'restart') await container.restart();
        else await container.remove({ force: true });
      } catch (e) {
        if (!alreadyThere(e)) {
          sink.emit({ type: 'step', target: c.name, targetKind: 'container', state: 'error' });
          sink.emit({
            type: 'done',
            ok: false,
            failure: { service: c.membership.service, error: toPlainError(e), exitCode: null },
          });
          return;
        }
      }
      sink.emit({ type: 'step', target: c.name, targetKind: 'container', state: done });
    }
    for (const n of networks) {
      if (stopped) return;
      try {
        await docker.getNetwork(n).remove();
        sink.emit({ type: 'step', target: n, targetKind: 'network', state: 'removed' });
      } catch (e) {
        sink.emit({ type: 'done', ok: false, failure: { error: toPlainError(e), exitCode: null } });
        return;
      }
    }
    sink.emit({ type: 'done', ok: true });
  })().catch((e: unknown) => {
    if (!stopped) sink.fail(e);
  });
  return () => {
    stopped = true;
  };
}
