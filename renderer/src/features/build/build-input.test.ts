import { describe, expect, it } from 'vitest';
import { emptyBuildDraft, toBuildInput } from './build-input';

describe('the build form', () => {
  it('gives the images.build input', () => {
    const { input, problems } = toBuildInput({
      ...emptyBuildDraft(),
      folder: '/src/app',
      dockerfile: 'docker/Dockerfile',
      tags: 'me/app:1, me/app:latest',
      buildArgs: [
        { key: 'VERSION', value: '1.2' },
        { key: '', value: 'ignored' },
      ],
      target: 'final',
      noCache: true,
    });
    expect(problems).toEqual({});
    expect(input).toEqual({
      context: { kind: 'folder', path: '/src/app' },
      dockerfile: 'docker/Dockerfile',
      tags: ['me/app:1', 'me/app:latest'],
      buildArgs: { VERSION: '1.2' },
      target: 'final',
      noCache: true,
    });
    expect(
      toBuildInput({ ...emptyBuildDraft(), source: 'dockerfile', text: 'FROM scratch\n', dockerfile: 'x' }).input,
    ).toEqual({
      context: { kind: 'dockerfile', text: 'FROM scratch\n' },
      tags: [],
      buildArgs: {},
    });
  });

  it('names bad fields', () => {
    const keys = (d: Parameters<typeof toBuildInput>[0]) =>
      Object.fromEntries(Object.entries(toBuildInput(d).problems).map(([k, v]) => [k, v.key]));
    expect(
      keys({
        ...emptyBuildDraft(),
        folder: 'relative',
        tags: 'Upper:1',
        buildArgs: [{ key: '1X', value: '' }],
        target: 'a b',
      }),
    ).toEqual({
      folder: 'folderAbsolute',
      tags: 'tagBad',
      'buildArgs.0': 'argBad',
      target: 'targetBad',
    });
    expect(keys(emptyBuildDraft())).toEqual({ folder: 'folderMissing' });
    expect(keys({ ...emptyBuildDraft(), source: 'dockerfile' })).toEqual({ text: 'textMissing' });
  });
});
