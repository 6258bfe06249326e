import { utils } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { describeConnectError } from './connect-error';
import {
  HostKeyError,
  keyType,
  knownHostName,
  knownKeyTypes,
  preferredHostKeyAlgorithms,
  verifyHostKey,
} from './known-hosts';
import { hashedName } from './test-support';

/** A fresh public key: its known_hosts text ("type base64") and its raw blob. */
function newKey(type: 'ed25519' | 'ecdsa' | 'rsa'): { line: string; blob: Buffer } {
  const pair =
    type === 'rsa'
      ? utils.generateKeyPairSync('rsa', { bits: 2048 })
      : type === 'ecdsa'
        ? utils.generateKeyPairSync('ecdsa', { bits: 256 })
        : utils.generateKeyPairSync('ed25519');
  const line = pair.public.trim().split(/\s+/).slice(0, 2).join(' ');
  return { line, blob: Buffer.from(line.split(' ')[1] ?? '', 'base64') };
}

const ed = newKey('ed25519');
const ecdsa = newKey('ecdsa');
const rsa = newKey('rsa');
const other = newKey('ed25519');

describe('known_hosts', () => {
  it('names a host as ssh does: plain on port 22, [host]:port on others', () => {
    expect(knownHostName('Build.Example', 22)).toBe('build.example');
    expect(knownHostName('build.example', 2222)).toBe('[build.example]:2222');
  });

  it('trusts a key listed for the host, plain, [host]:port, hashed or in a comma list', () => {
    expect(verifyHostKey(`build.example ${ed.line}`, 'build.example', 22, ed.blob)).toEqual({ status: 'trusted' });
    expect(verifyHostKey(`[build.example]:2222 ${ecdsa.line}`, 'build.example', 2222, ecdsa.blob).status).toBe(
      'trusted',
    );
    expect(verifyHostKey(`${hashedName('build.example')} ${rsa.line}`, 'build.example', 22, rsa.blob).status).toBe(
      'trusted',
    );
    expect(verifyHostKey(`${hashedName('[10.0.0.5]:2222')} ${ed.line}`, '10.0.0.5', 2222, ed.blob).status).toBe(
      'trusted',
    );
    expect(
      verifyHostKey(`other.example,build.example,10.0.0.5 ${ed.line} me@laptop`, 'build.example', 22, ed.blob).status,
    ).toBe('trusted');
    expect(verifyHostKey(`*.example ${ed.line}`, 'build.example', 22, ed.blob).status).toBe('trusted');
  });

  it('the port matters: a key known for port 22 says nothing about port 2222', () => {
    expect(verifyHostKey(`build.example ${ed.line}`, 'build.example', 2222, ed.blob).status).toBe('unknown');
    expect(verifyHostKey(`${hashedName('build.example')} ${ed.line}`, 'build.example', 2222, ed.blob).status).toBe(
      'unknown',
    );
  });

  it('a host with no line is unknown; a host with other keys has a changed key', () => {
    const text = `# a comment\n\nother.example ${ed.line}\nbuild.example ${other.line}\nbuild.example ${rsa.line}\n`;
    expect(verifyHostKey(text, 'new.example', 22, ed.blob)).toEqual({ status: 'unknown' });
    expect(verifyHostKey(text, 'build.example', 22, ed.blob)).toEqual({
      status: 'changed',
      knownTypes: ['ssh-ed25519', 'ssh-rsa'],
    });
    expect(verifyHostKey(`!build.example,*.example ${ed.line}`, 'build.example', 22, ed.blob).status).toBe('unknown');
  });

  it('refuses a revoked key, and does not trust through @cert-authority lines', () => {
    const text = `@revoked * ${ed.line}\nbuild.example ${ed.line}\n`;
    expect(verifyHostKey(text, 'build.example', 22, ed.blob)).toEqual({ status: 'revoked' });
    expect(verifyHostKey(`@cert-authority *.example ${ed.line}`, 'build.example', 22, ed.blob).status).toBe('unknown');
    expect(verifyHostKey(`@future build.example ${ed.line}`, 'build.example', 22, ed.blob).status).toBe('unknown');
  });

  it('asks the server for the key types already known first', () => {
    expect(keyType(ed.blob)).toBe('ssh-ed25519');
    expect(knownKeyTypes(`build.example ${rsa.line}\n@revoked * ${ed.line}`, 'build.example', 22)).toEqual(['ssh-rsa']);
    expect(preferredHostKeyAlgorithms(['ssh-rsa'], ['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'])).toEqual(
      ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519'],
    );
  });

  it('says what to do in plain words', () => {
    const unknown = describeConnectError(
      new HostKeyError('unknown', 'build.example', 2222, 'deploy'),
      'ssh://deploy@build.example:2222',
    );
    expect(unknown).toMatchObject({
      key: 'engine.sshHostUnknown',
      params: { host: 'build.example', login: 'ssh -p 2222 deploy@build.example' },
    });
    expect(unknown.message).toMatch(/not in your known_hosts file.*Run `ssh -p 2222 deploy@build.example` once/);
    const changed = describeConnectError(
      new HostKeyError('changed', 'build.example', 22, 'deploy'),
      'ssh://deploy@build.example',
    );
    expect(changed.key).toBe('engine.sshHostChanged');
    expect(changed.message).toMatch(/possible man-in-the-middle/);
    expect(changed.hint).toMatch(/ssh-keygen -R build\.example/);
  });
});
