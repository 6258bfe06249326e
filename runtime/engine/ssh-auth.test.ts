import { utils } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { authMethods, defaultIdentities, expandHome, readIdentities, SshError, sshWhere } from './ssh-auth';

const plain = utils.generateKeyPairSync('ed25519').private;
const locked = utils.generateKeyPairSync('ed25519', {
  passphrase: 'open sesame',
  cipher: 'aes256-ctr',
  rounds: 1,
}).private;
const files: Record<string, string> = {
  '/keys/plain': plain,
  '/keys/locked': locked,
  '/keys/garbage': 'not a key at all',
  '/home/me/.ssh/id_ed25519': plain,
};
const readFile = (p: string): Buffer => {
  const text = files[p];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  return Buffer.from(text);
};

describe('readIdentities', () => {
  it('opens plain keys, expands ~, and sets a passphrase-protected one aside', () => {
    const ids = readIdentities({
      identities: ['/keys/plain', '/keys/locked', '~/.ssh/id_ed25519'],
      readFile,
      home: '/home/me',
    });
    expect(ids.keys.map((k) => k.path)).toEqual(['/keys/plain', '/home/me/.ssh/id_ed25519']);
    expect(ids.locked).toEqual(['/keys/locked']);
  });

  it('opens a locked key with $CONTAINER_PASSPHRASE, as podman does; a wrong one leaves it locked', () => {
    const right = readIdentities({ identities: ['/keys/locked'], passphrase: 'open sesame', readFile });
    expect(right.keys).toEqual([{ path: '/keys/locked', key: Buffer.from(locked), passphrase: 'open sesame' }]);
    const wrong = readIdentities({ identities: ['/keys/locked'], passphrase: 'nope', readFile });
    expect(wrong).toEqual({ keys: [], locked: ['/keys/locked'] });
  });

  it('a missing or garbled key file is an error naming the file', () => {
    for (const path of ['/keys/none', '/keys/garbage']) {
      let error: unknown;
      try {
        readIdentities({ identities: [path], readFile });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SshError);
      expect(error).toMatchObject({ reason: 'key-unreadable', detail: path });
      expect((error as Error).message).toContain(`Cannot read the SSH key ${path}`);
    }
  });
});

describe('defaultIdentities', () => {
  it('offers the key files ssh would (~/.ssh/id_ed25519, id_ecdsa, id_rsa) that are there, skipping the rest', () => {
    expect(defaultIdentities({ readFile, home: '/home/me' })).toEqual({
      keys: [{ path: '/home/me/.ssh/id_ed25519', key: Buffer.from(plain) }],
      locked: [],
    });
    const garbled = (p: string): Buffer => (p.endsWith('id_rsa') ? Buffer.from('junk') : readFile(p));
    expect(defaultIdentities({ readFile: garbled, home: '/nobody' })).toEqual({ keys: [], locked: [] });
  });
});

describe('authMethods', () => {
  it('offers the identity files first, then the ssh agent, and nothing else', () => {
    const ids = readIdentities({ identities: ['/keys/plain'], readFile });
    expect(authMethods('core', ids, '/run/agent.sock')).toEqual([
      { type: 'publickey', username: 'core', key: Buffer.from(plain) },
      { type: 'agent', username: 'core', agent: '/run/agent.sock' },
    ]);
    expect(authMethods('core', { keys: [], locked: [] }, undefined)).toEqual([]);
  });
});

describe('the words', () => {
  it('names the machine as ssh does, and says what to do for a locked key', () => {
    expect(sshWhere('core', 'box', 22)).toBe('core@box');
    expect(sshWhere('core', '127.0.0.1', 2222)).toBe('core@127.0.0.1:2222');
    expect(sshWhere('core', '::1', 2222)).toBe('core@[::1]:2222');
    expect(expandHome('~', '/h')).toBe('/h');
    expect(expandHome('/abs/~/x', '/h')).toBe('/abs/~/x');
    expect(new SshError('key-locked', 'core@box', '/keys/locked').message).toContain('ssh-add /keys/locked');
  });
});
