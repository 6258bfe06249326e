import { describe, expect, it } from 'vitest';
import {
  chooseBuilder,
  classifyBuildkitFailure,
  fallsBackToClassic,
  frontendImageLoaded,
  syntaxDirective,
} from './builder';
import { withBuilderEnv } from './cli';

const docker = { kind: 'docker' as const, apiVersion: '1.41', os: 'linux' };

describe('the builder a build uses', () => {
  it('BuildKit on Docker with API 1.39 or later on Linux', () => {
    expect(chooseBuilder(docker)).toEqual({ builder: 'buildkit', reason: 'buildkit-supported' });
    expect(chooseBuilder({ ...docker, builderVersion: '2' })).toEqual({
      builder: 'buildkit',
      reason: 'buildkit-default',
    });
    expect(chooseBuilder({ ...docker, apiVersion: '1.39' }).builder).toBe('buildkit');
    expect(chooseBuilder({ ...docker, apiVersion: '1.100' }).builder).toBe('buildkit');
  });

  it('the classic builder where BuildKit is not there or not wanted', () => {
    expect(chooseBuilder({ ...docker, apiVersion: '1.38' })).toEqual({ builder: 'classic', reason: 'api-too-old' });
    expect(chooseBuilder({ ...docker, os: 'windows' })).toEqual({ builder: 'classic', reason: 'not-linux' });
    expect(chooseBuilder({ ...docker, builderVersion: '1' })).toEqual({
      builder: 'classic',
      reason: 'classic-configured',
    });
    expect(chooseBuilder({ ...docker, builderVersion: '2', classic: true })).toEqual({
      builder: 'classic',
      reason: 'classic-chosen',
    });
    expect(chooseBuilder({ kind: 'podman', apiVersion: '1.41', os: 'linux', builderVersion: '2' })).toEqual({
      builder: 'buildah',
      reason: 'podman',
    });
  });

  it('the command says which: DOCKER_BUILDKIT=1 or =0, or plain docker build', () => {
    const cmd = 'docker build -t a .';
    expect(withBuilderEnv(cmd, { builder: 'buildkit', reason: 'buildkit-supported' })).toBe(`DOCKER_BUILDKIT=1 ${cmd}`);
    expect(withBuilderEnv(cmd, { builder: 'classic', reason: 'classic-chosen' })).toBe(`DOCKER_BUILDKIT=0 ${cmd}`);
    expect(withBuilderEnv(cmd, { builder: 'classic', reason: 'buildkit-failed' })).toBe(`DOCKER_BUILDKIT=0 ${cmd}`);
    expect(withBuilderEnv(cmd, { builder: 'classic', reason: 'api-too-old' })).toBe(cmd);
    expect(withBuilderEnv(cmd, { builder: 'buildah', reason: 'podman' })).toBe(cmd);
    expect(withBuilderEnv(cmd, undefined)).toBe(cmd);
  });
});

describe('"# syntax=" directives', () => {
  it('reads the frontend image from the parser directives at the top only', () => {
    expect(syntaxDirective('# syntax=docker/dockerfile:1.4\nFROM x\n')).toBe('docker/dockerfile:1.4');
    expect(syntaxDirective('#syntax = docker/dockerfile:1\r\nFROM x')).toBe('docker/dockerfile:1');
    expect(syntaxDirective('# escape=`\n# syntax=docker/dockerfile:1\nFROM x')).toBe('docker/dockerfile:1');
    expect(syntaxDirective('FROM x\n# syntax=docker/dockerfile:1\n')).toBeUndefined();
    expect(syntaxDirective('# a comment\n# syntax=docker/dockerfile:1\n')).toBeUndefined();
    expect(syntaxDirective('\n# syntax=docker/dockerfile:1\n')).toBeUndefined();
    expect(syntaxDirective('# syntax=\nFROM x')).toBeUndefined();
  });
});

describe('the "# syntax=" image, once BuildKit had it', () => {
  const step = (instruction: string, state: 'done' | 'cached' | 'running' | 'failed' = 'done', internal = true) => ({
    instruction,
    state,
    internal,
  });
  it("is BuildKit's own docker-image:// step for that image, done or cached, by any spelling of its name", () => {
    const pinned =
      'docker-image://docker.io/docker/dockerfile:1.4@sha256:9ba7531bd80fb0a858632727cf7a112fbfd19b17e94c4e84ced81e24ef1a0dbc';
    expect(frontendImageLoaded(step(pinned), 'docker/dockerfile:1.4')).toBe(true);
    expect(frontendImageLoaded(step(pinned, 'cached'), 'docker.io/docker/dockerfile:1.4')).toBe(true);
    expect(frontendImageLoaded(step('docker-image://127.0.0.1:5000/syntax:1'), '127.0.0.1:5000/syntax:1')).toBe(true);
    expect(frontendImageLoaded(step('docker-image://docker.io/library/front:latest'), 'front')).toBe(true);
  });
  it('not while it runs or when it failed, nor another image, nor a step of the Dockerfile', () => {
    expect(
      frontendImageLoaded(step('docker-image://docker.io/docker/dockerfile:1.4', 'running'), 'docker/dockerfile:1.4'),
    ).toBe(false);
    expect(
      frontendImageLoaded(step('docker-image://docker.io/docker/dockerfile:1.4', 'failed'), 'docker/dockerfile:1.4'),
    ).toBe(false);
    expect(frontendImageLoaded(step('docker-image://docker.io/docker/dockerfile:1.5'), 'docker/dockerfile:1.4')).toBe(
      false,
    );
    expect(frontendImageLoaded(step('resolve image config for docker/dockerfile:1.4'), 'docker/dockerfile:1.4')).toBe(
      false,
    );
    expect(
      frontendImageLoaded(
        step('docker-image://docker.io/docker/dockerfile:1.4', 'done', false),
        'docker/dockerfile:1.4',
      ),
    ).toBe(false);
  });
});

describe('what a BuildKit failure was, and whether the classic builder tries again', () => {
  const cases: Array<[string, Parameters<typeof classifyBuildkitFailure>[0], string, boolean]> = [
    [
      'a step',
      { message: 'executor failed running [/bin/sh -c exit 3]: exit code: 3', stepFailed: true },
      'step',
      false,
    ],
    [
      'the frontend image',
      {
        message:
          'failed to solve with frontend dockerfile.v0: failed to solve with frontend gateway.v0: failed to do request: Head "https://registry-1.docker.io/v2/docker/dockerfile/manifests/1.4": dial tcp: lookup registry-1.docker.io: no such host',
        stepFailed: false,
        syntax: 'docker/dockerfile:1.4',
      },
      'frontend',
      false,
    ],
    [
      'a base image BuildKit could not look up, behind a "# syntax=" frontend that says little',
      {
        message:
          'failed to solve with frontend dockerfile.v0: failed to solve with frontend gateway.v0: rpc error: code = Unknown desc = frontend failed',
        stepFailed: false,
        internalStep: 'load metadata for docker.io/library/nothing:1',
      },
      'dockerfile',
      false,
    ],
    [
      'a parse error',
      {
        message:
          'failed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 2: unknown instruction: RUNN',
        stepFailed: false,
      },
      'dockerfile',
      false,
    ],
    [
      'a base image that is not there',
      {
        message:
          'failed to solve with frontend dockerfile.v0: failed to create LLB definition: pull access denied, repository does not exist or may require authorization',
        stepFailed: false,
      },
      'dockerfile',
      false,
    ],
    ['BuildKit itself', { message: 'buildkit not supported by daemon', stepFailed: false }, 'builder', true],
    [
      'an export',
      { message: 'failed to export image: failed to create image: failed to get layer', stepFailed: false },
      'builder',
      true,
    ],
  ];
  it.each(cases)('%s', (_name, failure, cause, fallback) => {
    const c = classifyBuildkitFailure(failure);
    expect(c).toBe(cause);
    expect(fallsBackToClassic(c)).toBe(fallback);
  });
});
