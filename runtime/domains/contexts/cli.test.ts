import { describe, expect, it } from 'vitest';
import { ContextRef } from './contract';
import { contextListCommand, contextOnceCommand, contextUseArgv, contextUseCommand } from './cli';

describe('context commands', () => {
  it('are what the CLIs take to change their current context or default connection', () => {
    expect(contextUseArgv('docker-context', 'colima')).toEqual(['docker', 'context', 'use', 'colima']);
    expect(contextUseCommand('podman-connection', 'podman-machine-default')).toBe(
      'podman system connection default podman-machine-default',
    );
    expect(contextListCommand('docker-context')).toBe('docker context ls');
  });

  it('quote a name the shell would split', () => {
    expect(contextUseCommand('podman-connection', 'my box')).toBe("podman system connection default 'my box'");
    expect(contextOnceCommand('podman-connection', 'my box', 'ps')).toBe("podman --connection 'my box' ps");
  });

  it("name it for one command only, the CLI's choice left alone", () => {
    expect(contextOnceCommand('docker-context', 'colima', 'ps')).toBe('docker --context colima ps');
    expect(contextOnceCommand('podman-connection', 'box', 'ps', '-a')).toBe('podman --connection box ps -a');
  });
});

describe('ContextRef', () => {
  it('takes a kind and a name, and refuses anything else', () => {
    expect(ContextRef.parse({ kind: 'docker-context', name: ' colima ' })).toEqual({
      kind: 'docker-context',
      name: 'colima',
    });
    expect(ContextRef.safeParse({ kind: 'kube', name: 'x' }).success).toBe(false);
    expect(ContextRef.safeParse({ kind: 'docker-context', name: '' }).success).toBe(false);
    expect(ContextRef.safeParse({ kind: 'docker-context', name: 'a\nb' }).success).toBe(false);
    expect(ContextRef.safeParse({ kind: 'docker-context', name: 'x', extra: 1 }).success).toBe(false);
  });
});
