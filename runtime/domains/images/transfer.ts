// Pull, push and registry login. Progress comes from the engine's JSON stream,
// per layer; unsubscribing aborts the engine's HTTP request. Credentials come
// from the runtime's store and never leave the runtime.
import type { Readable } from 'node:stream';
import { ApiError } from '../../api/errors';
import type { TransferEvent } from './types';
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import type { SubscriptionSink } from '../../transport/handlers';
import { cleanEngineMessage } from '../../transport/to-api-error';
import type { CredentialStore } from '../registry/credentials';
import { type ExternalEnv, engineAuth, findExternalLogin } from '../registry/docker-config';
import { forEachMessage } from './build';
import { TransferTracker, explainTransferError } from './progress';

/** An error the engine reported inside a pull or push stream: its text as the engine wrote it. */
class StreamError extends Error {}

const DOCKER_HUB = 'docker.io';

/** The registry an image reference names: "127.0.0.1:5000/a/b:1" → "127.0.0.1:5000"; "busybox" → "docker.io". */
export function registryOf(ref: string): string {
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  if (first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return normalizeRegistry(first);
  return DOCKER_HUB;
}

export function normalizeRegistry(registry: string): string {
  const host = registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return ['index.docker.io', 'registry-1.docker.io', 'docker.io'].includes(host) ? DOCKER_HUB : host;
}

const isLoopback = (registry: string) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(registry);

/** "host:5000/repo:tag" → repo "host:5000/repo", tag "tag" (a digest stays in the repo part). */
export function splitTag(ref: string): { repo: string; tag?: string } {
  if (ref.includes('@')) return { repo: ref };
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref };
}

function serverAddress(registry: string): string {
  return registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : registry;
}

/**
 * `external`: where the docker CLI's and Podman's logins are read (none when
 * absent). Wharf's own saved login comes first, then theirs.
 */
export function createTransfers(engine: Engine, credentials: CredentialStore, external?: ExternalEnv) {
  const authFor = async (ref: string) => {
    const registry = registryOf(ref);
    const saved =
      (await credentials.get(registry)) ??
      (external !== undefined ? await findExternalLogin(registry, external) : undefined);
    return saved === undefined ? undefined : engineAuth(saved, serverAddress(registry));
  };
  // Podman verifies TLS unless told; a loopback registry is plain HTTP (Docker allows 127.0.0.0/8 by default).
  const tlsQuery = (ref: string) =>
    engine.info()?.kind === 'podman' && isLoopback(registryOf(ref)) ? { tlsVerify: false } : {};

  const follow = (
    ref: string,
    direction: 'pull' | 'push',
    start: (signal: AbortSignal) => Promise<Readable>,
    sink: SubscriptionSink<TransferEvent>,
  ): (() => void) => {
    const abort = new AbortController();
    const tracker = new TransferTracker();
    const emit = (event: TransferEvent) => {
      if (!abort.signal.aborted) sink.emit(event);
    };
    void (async () => {
      emit({
        kind: 'started',
        command: dockerCommand(direction === 'pull' ? 'image.pull' : 'image.push', { image: ref }),
      });
      let digest: string | undefined;
      let failure: string | undefined;
      const stream = await start(abort.signal);
      // Cancelled while the engine was still answering: stop at once.
      if (abort.signal.aborted) stream.destroy();
      abort.signal.addEventListener('abort', () => stream.destroy());
      await forEachMessage(stream, (m) => {
        if (m.error !== undefined || m.errorDetail?.message !== undefined) {
          failure = m.errorDetail?.message ?? m.error;
          return;
        }
        if (m.aux?.Digest !== undefined) digest = m.aux.Digest;
        const layer = tracker.update(m);
        if (layer !== undefined) emit({ kind: 'layer', layer, overall: tracker.overall() });
        else if (m.status !== undefined) {
          const d = /Digest: (sha256:[0-9a-f]+)/.exec(m.status);
          if (d !== null) digest = d[1];
          emit({
            kind: 'status',
            message: m.id !== undefined && !m.status.includes(m.id) ? `${m.id}: ${m.status}` : m.status,
          });
        }
      });
      if (failure !== undefined) throw new StreamError(failure);
      emit({ kind: 'done', image: ref, ...(digest !== undefined ? { digest } : {}), overall: tracker.overall() });
    })().catch((error: unknown) => {
      if (abort.signal.aborted) return;
      const raw =
        error instanceof StreamError
          ? error.message
          : cleanEngineMessage(
              (error as { json?: { message?: string } }).json?.message ?? (error as Error).message ?? String(error),
            );
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 && direction === 'push') {
        sink.fail(
          new ApiError({
            code: 'not-found',
            message: `There is no image ${ref} here to push.`,
            key: 'images.pushMissing',
            params: { image: ref, reason: raw },
          }),
        );
        return;
      }
      sink.fail(new ApiError(explainTransferError(raw, ref, direction)));
    });
    return () => abort.abort();
  };

  return {
    pull(ref: string, sink: SubscriptionSink<TransferEvent>) {
      return follow(
        ref,
        'pull',
        async (signal) => {
          const auth = await authFor(ref);
          return (await engine.docker().pull(ref, {
            abortSignal: signal,
            ...tlsQuery(ref),
            ...(auth !== undefined ? { authconfig: auth } : {}),
          })) as unknown as Readable;
        },
        sink,
      );
    },

    push(ref: string, sink: SubscriptionSink<TransferEvent>) {
      return follow(
        ref,
        'push',
        async (signal) => {
          const auth = await authFor(ref);
          const { repo, tag } = splitTag(ref);
          // The engine wants some auth header on push, even an empty one.
          return (await engine
            .docker()
            .getImage(repo)
            .push({
              ...(tag !== undefined ? { tag } : {}),
              abortSignal: signal,
              ...tlsQuery(ref),
              authconfig: auth ?? {},
            })) as unknown as Readable;
        },
        sink,
      );
    },

    /** Asks the registry (through the engine) whether the credentials work, then saves them. */
    async login(registryInput: string, username: string, password: string) {
      const registry = normalizeRegistry(registryInput);
      try {
        await engine.docker().checkAuth({ username, password, serveraddress: serverAddress(registry) });
      } catch (error) {
        const raw = cleanEngineMessage(
          (error as { json?: { message?: string } }).json?.message ?? (error as Error).message ?? String(error),
        );
        const plain = explainTransferError(raw, registry, 'pull');
        if (plain.code === 'forbidden' || plain.code === 'not-found' || /401|unauthorized/i.test(raw)) {
          throw new ApiError({
            code: 'forbidden',
            message: `The registry ${registry} did not accept the user name and password.`,
            hint: 'Check them and try again.',
            key: 'registry.loginRefused',
            params: { registry, reason: raw },
          });
        }
        throw new ApiError({
          ...plain,
          message: `The registry ${registry} cannot be reached.`,
          key: 'registry.unreachable',
          params: { registry, reason: raw },
        });
      }
      const savedAt = new Date().toISOString();
      await credentials.set(registry, { username, password, savedAt });
      return { registry, username, savedAt, command: dockerCommand('registry.login', { registry, username }) };
    },
  };
}
