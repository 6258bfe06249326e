import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pipeEndpoint, servePipe } from './pipe-join';

/** A dial-stdio process stand-in: what the connection sends arrives on stdin; stdout goes back. */
class FakeDial extends EventEmitter {
  stdin = new PassThrough();
  stdout = new PassThrough();
  stderr = new PassThrough();
  killed = false;
  received = '';
  constructor() {
    super();
    this.stdin.on('data', (d: Buffer) => {
      this.received += d.toString('utf8');
      this.emit('received');
    });
  }
  kill() {
    if (this.killed) return true;
    this.killed = true;
    this.stdout.end();
    this.emit('exit', null, 'SIGTERM');
    return true;
  }
}

const once = (emitter: EventEmitter, event: string) =>
  new Promise<void>((resolve) => emitter.once(event, () => resolve()));

describe('the pipe join (a unix socket stands in for the named pipe)', () => {
  let dir: string;
  let server: Server | undefined;
  let children: FakeDial[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-pipe-'));
    children = [];
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = async (): Promise<string> => {
    const path = join(dir, 'engine.sock');
    server = await servePipe(path, () => {
      const child = new FakeDial();
      children.push(child);
      return child as unknown as ChildProcess;
    });
    return path;
  };
  const dial = (path: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(path, () => resolve(socket));
      socket.once('error', reject);
    });
  const until = async (cond: () => boolean, emitter: EventEmitter, event: string) => {
    while (!cond()) await once(emitter, event);
  };

  it('carries bytes both ways, one process per connection', async () => {
    const path = await serve();
    const a = await dial(path);
    const b = await dial(path);
    await until(() => children.length === 2, server as Server, 'connection');
    a.write('GET /_ping HTTP/1.1\r\n\r\n');
    const first = children[0] as FakeDial;
    await until(() => first.received.includes('\r\n\r\n'), first, 'received');
    expect(first.received).toBe('GET /_ping HTTP/1.1\r\n\r\n');
    expect((children[1] as FakeDial).received).toBe('');

    let reply = '';
    a.on('data', (d: Buffer) => (reply += d.toString('utf8')));
    first.stdout.write('HTTP/1.1 200 OK\r\n\r\nOK');
    await until(() => reply.endsWith('OK'), a, 'data');
    expect(reply).toBe('HTTP/1.1 200 OK\r\n\r\nOK');
    a.destroy();
    b.destroy();
  });

  it('kills the process when the client goes, and leaves the others', async () => {
    const path = await serve();
    const a = await dial(path);
    const b = await dial(path);
    await until(() => children.length === 2, server as Server, 'connection');
    const [first, second] = children as [FakeDial, FakeDial];
    a.destroy();
    await until(() => first.killed, first, 'exit');
    expect(first.killed).toBe(true);
    expect(second.killed).toBe(false);
    b.destroy();
    await until(() => second.killed, second, 'exit');
  });

  it('closes the connection when the process ends', async () => {
    const path = await serve();
    const a = await dial(path);
    await until(() => children.length === 1, server as Server, 'connection');
    const closed = once(a, 'close');
    a.resume();
    (children[0] as FakeDial).kill();
    await closed;
    expect(a.destroyed).toBe(true);
  });

  it('names the endpoint the engine client dials', () => {
    expect(pipeEndpoint('\\\\.\\pipe\\wharf-engine-0123456789ab')).toBe('npipe:////./pipe/wharf-engine-0123456789ab');
  });
});
