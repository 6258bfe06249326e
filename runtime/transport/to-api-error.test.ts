// Engine errors as dockerode hands them over, with the bodies the dev engines
// answered (Docker 20.10, Podman 4.3).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { toApiError, toPlainError } from './to-api-error';

function engineError(statusCode: number, json: { message: string; cause?: string }) {
  return Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${json.message} `), {
    statusCode,
    json,
    reason: 'server error',
  });
}

const PORT_HINT = 'Another program or container already uses host port 8080. Stop it or publish on another port.';

describe('toPlainError', () => {
  it('docker port taken: the bind reason and a hint', () => {
    const e = engineError(500, {
      message:
        'driver failed programming external connectivity on endpoint web (e27f11ef): Bind for 127.0.0.1:8080 failed: port is already allocated',
    });
    const reason = 'Bind for 127.0.0.1:8080 failed: port is already allocated';
    expect(toPlainError(e)).toEqual({
      message: reason,
      hint: PORT_HINT,
      key: 'port.taken',
      params: { port: '8080', address: '127.0.0.1', reason },
    });
  });

  it('podman port taken: its listen reason and the same hint', () => {
    const e = engineError(500, {
      cause: 'address already in use',
      message: 'cannot listen on the TCP port: listen tcp4 127.0.0.1:8080: bind: address already in use',
    });
    expect(toPlainError(e)).toEqual({
      message: 'cannot listen on the TCP port: listen tcp4 127.0.0.1:8080: bind: address already in use',
      hint: PORT_HINT,
      key: 'port.taken',
      params: {
        port: '8080',
        address: '127.0.0.1',
        reason: 'cannot listen on the TCP port: listen tcp4 127.0.0.1:8080: bind: address already in use',
      },
    });
  });

  it('not found, in the same words for both engines', () => {
    expect(toPlainError(engineError(404, { message: 'No such container: web' })).message).toBe(
      'No such container: web',
    );
    const podman = engineError(404, {
      cause: 'no such container',
      message: 'no container with name or ID "web" found: no such container',
    });
    expect(toPlainError(podman).message).toBe('No such container: web');
    expect(toPlainError(podman).hint).toBeDefined();
    expect(toPlainError(podman)).toMatchObject({ key: 'container.notFound', params: { name: 'web' } });
  });

  it('name in use', () => {
    const docker = engineError(409, {
      message:
        'Conflict. The container name "/web" is already in use by container "b662". You have to remove (or rename) that container to be able to reuse that name.',
    });
    const podman = engineError(500, {
      cause: 'that name is already in use',
      message:
        'container create: creating container storage: the container name "web" is already in use by 94bc. You have to remove that container to be able to reuse that name: that name is already in use',
    });
    for (const e of [docker, podman]) {
      expect(toPlainError(e)).toMatchObject({
        message: 'The name "web" is already used by another container.',
        hint: 'Remove or rename that container, or choose another name.',
        key: 'container.nameInUse',
        params: { name: 'web' },
      });
      // The engine's own words stay available as the detail.
      expect(toPlainError(e).params?.reason).toMatch(/is already in use/);
    }
  });

  it('image not found names the image and how to get it', () => {
    expect(toPlainError(engineError(404, { message: 'No such image: nginx:1' }))).toEqual({
      message: 'No such image: nginx:1',
      hint: 'Pull it first (docker pull nginx:1) or check the name.',
      key: 'image.notFound',
      params: { image: 'nginx:1' },
    });
    const podman = engineError(404, {
      cause: 'image not known',
      message: 'no such image: docker.io/library/nginx:1: image not known',
    });
    expect(toPlainError(podman).message).toBe('No such image: docker.io/library/nginx:1');
  });

  it('not running keeps the engine reason and says to start it', () => {
    const docker = engineError(409, { message: 'Container cf88 is not running' });
    expect(toPlainError(docker)).toEqual({
      message: 'Container cf88 is not running',
      hint: 'Start the container first.',
      key: 'container.notRunning',
      params: { reason: 'Container cf88 is not running' },
    });
    const podman = engineError(500, {
      cause: 'container state improper',
      message: 'can only kill running containers. a266 is in state exited: container state improper',
    });
    expect(toPlainError(podman)).toMatchObject({
      message: 'can only kill running containers. a266 is in state exited',
      hint: 'Start the container first.',
      key: 'container.notRunning',
    });
  });

  it('removing a running container suggests stopping or force', () => {
    const e = engineError(409, {
      message:
        'You cannot remove a running container b662. Stop the container before attempting removal or force remove',
    });
    expect(toPlainError(e).hint).toMatch(/docker rm -f/);
  });

  it('an unknown engine error keeps its message without a made-up hint', () => {
    expect(toPlainError(engineError(500, { message: 'something odd' }))).toEqual({ message: 'something odd' });
  });
});

describe('toPlainError: what the run and build pages can meet', () => {
  it('an invalid image reference, also when Docker words it as "no such image"', () => {
    const inspect = engineError(400, {
      message: 'no such image: Web: invalid reference format: repository name must be lowercase',
    });
    expect(toPlainError(inspect)).toMatchObject({
      key: 'image.badReference',
      params: { reason: 'no such image: Web: invalid reference format: repository name must be lowercase' },
    });
    const create = engineError(400, { message: 'invalid reference format: repository name must be lowercase' });
    expect(toPlainError(create).key).toBe('image.badReference');
  });

  it('a bind mount whose host folder is missing names the folder', () => {
    const docker = engineError(400, {
      message: 'invalid mount config for type "bind": bind source path does not exist: /srv/none',
    });
    const podman = engineError(500, { message: 'statfs /srv/none: no such file or directory' });
    for (const e of [docker, podman])
      expect(toPlainError(e)).toMatchObject({ key: 'mount.sourceMissing', params: { path: '/srv/none' } });
  });

  it('a mount the engine cannot read', () => {
    const name = engineError(500, {
      message:
        'create bad name!: "bad name!" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path',
    });
    expect(toPlainError(name)).toMatchObject({
      key: 'mount.invalid',
      params: { reason: expect.stringContaining('invalid characters') },
    });
    expect(toPlainError(engineError(400, { message: "invalid volume specification: 'a:b:c:d'" })).key).toBe(
      'mount.invalid',
    );
  });

  it('a Dockerfile the engine cannot parse names the line', () => {
    for (const message of [
      'dockerfile parse error line 2: unknown instruction: FROMM',
      'dockerfile parse error on line 2: unknown instruction: FROMM',
    ]) {
      expect(toPlainError(engineError(400, { message }))).toEqual({
        message,
        hint: 'Correct that line of the Dockerfile and build again.',
        key: 'build.dockerfileParse',
        params: { line: '2', problem: 'unknown instruction: FROMM', reason: message },
      });
    }
  });

  it('a Dockerfile name not in the folder', () => {
    expect(
      toPlainError(engineError(500, { message: 'Cannot locate specified Dockerfile: Dockerfile.dev' })),
    ).toMatchObject({
      key: 'build.dockerfileMissing',
      params: { file: 'Dockerfile.dev' },
    });
    const buildkit =
      'failed to solve with frontend dockerfile.v0: failed to read dockerfile: open /var/lib/docker/tmp/buildkit-mount3148041640/docker/Dockerfile.dev: no such file or directory';
    expect(toPlainError(engineError(400, { message: buildkit }))).toMatchObject({
      key: 'build.dockerfileMissing',
      params: { file: 'docker/Dockerfile.dev' },
    });
  });
});

describe('toApiError: any other refusal', () => {
  it('keeps the engine words as the message and the reason, under a key', () => {
    const reason = 'OCI runtime create failed: exec: "nosuch": executable file not found in $PATH: unknown';
    expect(toApiError(engineError(400, { message: reason })).toBody()).toEqual({
      code: 'engine',
      message: reason,
      status: 400,
      key: 'engine.refusedRequest',
      params: { reason },
    });
    // A case with its own key keeps it.
    expect(toApiError(engineError(400, { message: 'invalid reference format' })).key).toBe('image.badReference');
    expect(toApiError(engineError(404, { message: 'something odd' })).key).toBeUndefined();
  });
});

describe('toApiError', () => {
  it('carries code, status, message and hint', () => {
    const e = toApiError(
      engineError(500, { message: 'driver failed …: Bind for 0.0.0.0:8080 failed: port is already allocated' }),
    );
    expect(e.toBody()).toEqual({
      code: 'conflict',
      message: 'Bind for 0.0.0.0:8080 failed: port is already allocated',
      hint: PORT_HINT,
      status: 500,
      key: 'port.taken',
      params: { port: '8080', address: '0.0.0.0', reason: 'Bind for 0.0.0.0:8080 failed: port is already allocated' },
    });
    expect(toApiError(engineError(404, { message: 'No such container: x' })).code).toBe('not-found');
  });

  it('a refused connection is "unavailable"; an ApiError passes through', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toApiError(refused).code).toBe('unavailable');
    const own = new ApiError({ code: 'forbidden', message: 'no' });
    expect(toApiError(own)).toBe(own);
    expect(toApiError(new Error('boom')).toBody()).toEqual({ code: 'internal', message: 'boom' });
  });
});
