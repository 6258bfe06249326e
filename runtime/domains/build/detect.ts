// What the connected engine says of its builder: /_ping's Builder-Version
// header, with the kind, API version and OS Wharf learnt when it connected.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import type { EngineInfo } from '../engine/types';
import { chooseBuilder } from './builder';
import type { BuilderChoice } from './types';

/** /_ping's Builder-Version header ("1", "2"), or undefined when the engine does not send one. */
export function pingBuilderVersion(docker: Docker): Promise<string | undefined> {
  return new Promise((resolve) => {
    docker.modem.dial(
      { path: '/_ping', method: 'GET', isStream: true, statusCodes: { 200: true, 500: 'server error' } },
      (error: unknown, res: unknown) => {
        if (error || res === undefined) return resolve(undefined);
        const response = res as IncomingMessage;
        response.resume();
        const header = response.headers['builder-version'];
        resolve(typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined);
      },
    );
  });
}

/** The builder a build on this engine uses (`classic`: the build asked for the classic builder). */
export async function builderFor(
  docker: Docker,
  info: EngineInfo | undefined,
  classic = false,
): Promise<BuilderChoice> {
  const kind = info?.kind ?? 'docker';
  const builderVersion = kind === 'docker' && !classic ? await pingBuilderVersion(docker) : undefined;
  return chooseBuilder({
    kind,
    apiVersion: info?.apiVersion ?? '0',
    os: info?.os ?? '',
    classic,
    ...(builderVersion !== undefined ? { builderVersion } : {}),
  });
}

/** 'build.builder': what the page says before a build. */
export function createBuilderService(engine: Engine): ServiceHandlers<'build.builder'> {
  return {
    requests: {
      'build.builder': ({ classic }) => builderFor(engine.docker(), engine.info(), classic === true),
    },
    subscriptions: {},
  };
}
