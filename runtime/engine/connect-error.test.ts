import { describe, expect, it } from 'vitest';
import { describeConnectError } from './connect-error';
import { EndpointError } from './endpoint';
import { SshError, type SshFailure } from './ssh-auth';

const errno = (code: string): Error => Object.assign(new Error(`connect ${code}`), { code });

describe('describeConnectError', () => {
  it('names the missing socket', () => {
    expect(describeConnectError(errno('ENOENT'), 'unix:///run/x.sock')).toEqual({
      message: 'No engine is listening at /run/x.sock: the socket does not exist.',
      hint: 'Start the engine, or choose another one in Settings.',
      key: 'engine.socketMissing',
      params: { where: '/run/x.sock' },
    });
  });

  it('explains a permission problem with what to do', () => {
    const e = describeConnectError(errno('EACCES'), 'unix:///var/run/docker.sock');
    expect(e.message).toBe('Wharf is not allowed to open /var/run/docker.sock.');
    expect(e.hint).toMatch(/docker' group/);
  });

  it('passes a bad address through', () => {
    expect(describeConnectError(new EndpointError('"x" is not an engine address.'), 'x').message).toBe(
      '"x" is not an engine address.',
    );
  });

  it('something that is not an engine', () => {
    const e = Object.assign(new Error('(HTTP code 404) unexpected - page not found '), { statusCode: 404, json: null });
    expect(describeConnectError(e, 'tcp://127.0.0.1:8080').message).toMatch(/not as a container engine would/);
  });

  it('gives every SSH failure its own key, naming the machine or the file', () => {
    const reasons: SshFailure[] = [
      'unreachable',
      'auth-refused',
      'key-locked',
      'key-unreadable',
      'socket-missing',
      'forward-refused',
      'proxy-unsupported',
    ];
    const keys = new Set<string>();
    for (const reason of reasons) {
      const plain = describeConnectError(new SshError(reason, 'core@box:2222', '/run/p.sock'), 'ssh://core@box:2222/x');
      expect(plain.params).toEqual({ where: 'core@box:2222', detail: '/run/p.sock' });
      expect(plain.hint).toBeTruthy();
      expect(plain.message).toContain(
        reason === 'key-locked' || reason === 'key-unreadable' ? '/run/p.sock' : 'core@box:2222',
      );
      keys.add(plain.key!);
    }
    // Their English and Korean texts: renderer/src/i18n/runtime-keys.test.ts.
    expect(keys.size).toBe(reasons.length);
  });
});
