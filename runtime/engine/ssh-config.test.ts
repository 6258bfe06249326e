import { describe, expect, it } from 'vitest';
import { expandTokens, matchHostPatterns, resolveSshConfig, splitLine, type SshConfigFiles } from './ssh-config';

/** A home of files in memory: path → text; directories are derived from the paths. */
function files(tree: Record<string, string>): SshConfigFiles {
  return {
    home: '/home/me',
    localUser: 'me',
    files: ['/home/me/.ssh/config', '/etc/ssh/ssh_config'],
    readFile: (p) => {
      const text = tree[p];
      if (text === undefined) throw new Error(`ENOENT ${p}`);
      return text;
    },
    readDir: (dir) => {
      const names = Object.keys(tree)
        .filter((p) => p.startsWith(`${dir}/`))
        .map((p) => p.slice(dir.length + 1).split('/')[0] ?? '');
      if (names.length === 0) throw new Error(`ENOENT ${dir}`);
      return [...new Set(names)];
    },
  };
}

const resolve = (host: string, config: string, more: Record<string, string> = {}) =>
  resolveSshConfig(host, files({ '/home/me/.ssh/config': config, ...more }));

describe('ssh config lines', () => {
  it('splits keyword and arguments: spaces, =, quotes, trailing comments, any case', () => {
    expect(splitLine('  HostName  box.example ')).toEqual({ keyword: 'hostname', args: ['box.example'] });
    expect(splitLine('Port=2222')).toEqual({ keyword: 'port', args: ['2222'] });
    expect(splitLine('USER = deploy')).toEqual({ keyword: 'user', args: ['deploy'] });
    expect(splitLine('IdentityFile "~/my keys/id one" # mine')).toEqual({
      keyword: 'identityfile',
      args: ['~/my keys/id one'],
    });
    expect(splitLine('Host a b* !c')).toEqual({ keyword: 'host', args: ['a', 'b*', '!c'] });
    expect(splitLine('# a comment')).toBeUndefined();
    expect(splitLine('   ')).toBeUndefined();
  });

  it('matches host patterns as ssh does: wildcards, several patterns, negation, any case', () => {
    expect(matchHostPatterns('build', ['build'])).toBe(true);
    expect(matchHostPatterns('BUILD', ['build'])).toBe(true);
    expect(matchHostPatterns('web1.example', ['*.example'])).toBe(true);
    expect(matchHostPatterns('web12', ['web?'])).toBe(false);
    expect(matchHostPatterns('web1', ['db', 'web?'])).toBe(true);
    expect(matchHostPatterns('web1.example', ['*.example', '!web1.*'])).toBe(false);
    expect(matchHostPatterns('web1.example', ['!web2.*'])).toBe(false);
    expect(matchHostPatterns('a.b', ['a?b'])).toBe(true);
    expect(matchHostPatterns('axb', ['a.b'])).toBe(false);
  });

  it('expands %-tokens and leaves unknown ones', () => {
    expect(expandTokens('%h.lan %% %q', { h: 'box' })).toBe('box.lan % %q');
  });
});

describe('resolving a host', () => {
  it('takes HostName, User, Port and IdentityFile from the alias block, with %h and ~ expanded', () => {
    const config = [
      '# my machines',
      'Host build',
      '  HostName %h.internal.example',
      '  User deploy',
      '  Port 2222',
      '  IdentityFile ~/.ssh/build_%r@%h',
      '  IdentityFile %d/.ssh/id_%u',
      '  IdentitiesOnly yes',
      '  UserKnownHostsFile ~/.ssh/known_build /dev/null',
    ].join('\n');
    expect(resolve('build', config)).toEqual({
      hostName: 'build.internal.example',
      user: 'deploy',
      port: 2222,
      identityFiles: ['/home/me/.ssh/build_deploy@build.internal.example', '/home/me/.ssh/id_me'],
      identitiesOnly: true,
      userKnownHostsFiles: ['/home/me/.ssh/known_build', '/dev/null'],
    });
  });

  it("the address's own user and port fill %r and %p", () => {
    const config = 'Host b\n  User cfg\n  Port 2000\n  IdentityFile ~/.ssh/%r-%p';
    expect(resolve('b', config).identityFiles).toEqual(['/home/me/.ssh/cfg-2000']);
    const given = resolveSshConfig('b', files({ '/home/me/.ssh/config': config }), { user: 'root', port: 22 });
    expect(given.identityFiles).toEqual(['/home/me/.ssh/root-22']);
  });

  it('the first value obtained wins; IdentityFile adds up; Host * comes after', () => {
    const config = [
      'Port 1000',
      'Host web*',
      '  User first',
      '  IdentityFile ~/.ssh/a',
      'Host web1',
      '  User second',
      '  Port 3000',
      '  IdentityFile ~/.ssh/b',
      'Host *',
      '  User everyone',
      '  HostName fallback',
    ].join('\n');
    expect(resolve('web1', config)).toMatchObject({
      user: 'first',
      port: 1000,
      hostName: 'fallback',
      identityFiles: ['/home/me/.ssh/a', '/home/me/.ssh/b'],
    });
    expect(resolve('db', config)).toMatchObject({ user: 'everyone', port: 1000, identityFiles: [] });
  });

  it('a host no block names gets nothing; unknown keywords are ignored', () => {
    expect(resolve('other', 'Host build\n  HostName b\n  ForwardAgent yes\n  Frobnicate 3')).toEqual({
      identityFiles: [],
    });
  });

  it('applies Match all and skips the other Match blocks safely', () => {
    const config = ['Match exec "true"', '  User skipped', 'Match all', '  Port 2200', 'Host x', '  User x'].join('\n');
    expect(resolve('x', config)).toEqual({ port: 2200, user: 'x', identityFiles: [] });
  });

  it('reads Include files relative to ~/.ssh, globbed and sorted, only inside a block that applies', () => {
    const config = ['Include config.d/*.conf', 'Host other', '  Include never.conf', 'Host *', '  User last'].join(
      '\n',
    );
    const tree = {
      '/home/me/.ssh/config.d/20-b.conf': 'Host build\n  Port 2020\n  User b',
      '/home/me/.ssh/config.d/10-a.conf': 'Host build\n  HostName a.example',
      '/home/me/.ssh/config.d/notes.txt': 'Host build\n  User notes',
      '/home/me/.ssh/never.conf': 'IdentityFile ~/.ssh/never',
    };
    expect(resolve('build', config, tree)).toEqual({
      hostName: 'a.example',
      port: 2020,
      user: 'b',
      identityFiles: [],
    });
  });

  it('the system file comes after the user file, its Include relative to /etc/ssh', () => {
    const tree = {
      '/etc/ssh/ssh_config': 'Include ssh_config.d/*.conf\nHost *\n  Port 22',
      '/etc/ssh/ssh_config.d/corp.conf': 'Host build\n  User corp\n  HostName corp.example',
    };
    expect(resolve('build', 'Host build\n  HostName mine.example', tree)).toMatchObject({
      hostName: 'mine.example',
      user: 'corp',
      port: 22,
    });
  });

  it('reports ProxyJump and ProxyCommand, first one wins, and none turns them off', () => {
    expect(resolve('b', 'Host b\n  ProxyJump jump@bastion:22\n  ProxyCommand nc %h %p').proxy).toEqual({
      keyword: 'ProxyJump',
      value: 'jump@bastion:22',
    });
    expect(resolve('b', 'Host b\n  ProxyCommand ssh -W %h:%p bastion').proxy).toEqual({
      keyword: 'ProxyCommand',
      value: 'ssh -W %h:%p bastion',
    });
    expect(resolve('b', 'Host b\n  ProxyJump none\nHost *\n  ProxyJump bastion').proxy).toBeUndefined();
  });

  it('an invalid port is ignored; a missing config file is no configuration', () => {
    expect(resolve('b', 'Port nope\nPort 70000\nPort 2201')).toMatchObject({ port: 2201 });
    expect(resolveSshConfig('b', files({}))).toEqual({ identityFiles: [] });
  });
});
