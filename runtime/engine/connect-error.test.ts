import { describe, expect, it } from 'vitest';
import { describeConnectError } from './connect-error';
import { EndpointError } from './endpoint';

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
});
