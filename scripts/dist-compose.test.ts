import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPOSE_TARGETS, parseSha256File, planCompose } from './dist-compose';

const out = '/out';

describe('npm run dist: the compose binary the macOS and Windows apps carry', () => {
  it('takes each target’s release file from WHARF_COMPOSE_DIR', () => {
    const plan = planCompose({ dir: '/rel' }, () => true, out);
    expect(plan.skipped).toEqual([]);
    expect(plan.place).toEqual([
      {
        target: 'mac-x64',
        source: { kind: 'file', path: '/rel/docker-compose-darwin-x86_64' },
        dest: '/out/mac-x64/docker-compose',
      },
      {
        target: 'mac-arm64',
        source: { kind: 'file', path: '/rel/docker-compose-darwin-aarch64' },
        dest: '/out/mac-arm64/docker-compose',
      },
      {
        target: 'win-x64',
        source: { kind: 'file', path: '/rel/docker-compose-windows-x86_64.exe' },
        dest: '/out/win-x64/docker-compose.exe',
      },
      {
        target: 'win-arm64',
        source: { kind: 'file', path: '/rel/docker-compose-windows-aarch64.exe' },
        dest: '/out/win-arm64/docker-compose.exe',
      },
    ]);
  });

  it('skips the targets whose file is not there, saying which', () => {
    const plan = planCompose({ dir: '/rel' }, (p) => p.endsWith('darwin-aarch64'), out);
    expect(plan.place.map((p) => p.target)).toEqual(['mac-arm64']);
    expect(plan.skipped).toContainEqual({ target: 'win-x64', why: 'docker-compose-windows-x86_64.exe is not in /rel' });
  });

  it('fetches from a release address with each file’s .sha256', () => {
    const plan = planCompose({ url: 'https://github.com/docker/compose/releases/download/v2.40.3/' }, () => false, out);
    expect(plan.place[0]).toEqual({
      target: 'mac-x64',
      source: {
        kind: 'url',
        url: 'https://github.com/docker/compose/releases/download/v2.40.3/docker-compose-darwin-x86_64',
        sha256Url: 'https://github.com/docker/compose/releases/download/v2.40.3/docker-compose-darwin-x86_64.sha256',
      },
      dest: '/out/mac-x64/docker-compose',
    });
    expect(plan.place).toHaveLength(COMPOSE_TARGETS.length);
  });

  it('refuses a plain-http address and builds without compose', () => {
    const plan = planCompose({ url: 'http://example.com/compose' }, () => true, out);
    expect(plan.place).toEqual([]);
    expect(plan.skipped[0]?.why).toMatch(/https/);
  });

  it('builds without compose when nothing is given', () => {
    const plan = planCompose({}, () => true, out);
    expect(plan.place).toEqual([]);
    expect(plan.skipped.map((s) => s.target)).toEqual(COMPOSE_TARGETS.map((t) => t.target));
  });

  it('reads the digest of a .sha256 file', () => {
    const hex = 'ab'.repeat(32);
    expect(parseSha256File(`${hex} *docker-compose-darwin-x86_64\n`)).toBe(hex);
    expect(parseSha256File(hex.toUpperCase())).toBe(hex);
    expect(parseSha256File('not a digest')).toBeUndefined();
  });
});

describe('the dist step, run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-dist-compose-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(import.meta.dirname, 'dist-compose.ts');
  const dist = join(dir, 'dist');
  const run = (env: Record<string, string>) =>
    execFileSync(process.execPath, ['--import', 'tsx', script], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', WHARF_DIST_COMPOSE: dist, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('places a release file, executable, and checks the .sha256 beside it', () => {
    const rel = join(dir, 'rel');
    mkdirSync(rel);
    const bytes = '#!/bin/sh\necho 2.99.1\n';
    writeFileSync(join(rel, 'docker-compose-darwin-aarch64'), bytes);
    writeFileSync(
      join(rel, 'docker-compose-darwin-aarch64.sha256'),
      `${createHash('sha256').update(bytes).digest('hex')} *docker-compose-darwin-aarch64\n`,
    );
    run({ WHARF_COMPOSE_DIR: rel });
    const placed = join(dist, 'mac-arm64', 'docker-compose');
    expect(statSync(placed).mode & 0o111).not.toBe(0);
    expect(existsSync(join(dist, 'mac-x64'))).toBe(false);

    writeFileSync(join(rel, 'docker-compose-darwin-aarch64.sha256'), `${'0'.repeat(64)}\n`);
    expect(() => run({ WHARF_COMPOSE_DIR: rel })).toThrow(/does not match its \.sha256/);
    expect(existsSync(placed)).toBe(false);
  }, 60_000);
});
