// The build form → the images.build input, with the problems of each field
// named before anything is sent (the runtime validates again).
import type { InputOf } from '../../../../runtime/api/contract';

export type BuildInput = InputOf<'images.build'>;

export interface BuildDraft {
  source: 'folder' | 'dockerfile';
  folder: string;
  /** -f, inside the folder. */
  dockerfile: string;
  text: string;
  /** One or more, separated by spaces or commas. */
  tags: string;
  buildArgs: Array<{ key: string; value: string }>;
  target: string;
  noCache: boolean;
  /** The classic builder even where the engine has BuildKit (DOCKER_BUILDKIT=0). */
  classic: boolean;
}

export function emptyBuildDraft(): BuildDraft {
  return {
    source: 'folder',
    folder: '',
    dockerfile: '',
    text: '',
    tags: '',
    buildArgs: [],
    target: '',
    noCache: false,
    classic: false,
  };
}

const TAG =
  /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;
const ARG = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STAGE = /^[a-zA-Z0-9._-]*$/;

/** Field → i18n key under build.errors (with values). */
export type BuildProblems = Record<string, { key: string; params?: Record<string, string> }>;

export function toBuildInput(d: BuildDraft): { input: BuildInput; problems: BuildProblems } {
  const problems: BuildProblems = {};
  const folder = d.folder.trim();
  if (d.source === 'folder' && folder === '') problems.folder = { key: 'folderMissing' };
  else if (d.source === 'folder' && !folder.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(folder))
    problems.folder = { key: 'folderAbsolute' };
  if (d.source === 'dockerfile' && d.text.trim() === '') problems.text = { key: 'textMissing' };
  const tags = d.tags.split(/[\s,]+/).filter((t) => t !== '');
  const badTag = tags.find((t) => !TAG.test(t));
  if (badTag !== undefined) problems.tags = { key: 'tagBad', params: { tag: badTag } };
  const buildArgs: Record<string, string> = {};
  d.buildArgs.forEach((a, i) => {
    const key = a.key.trim();
    if (key === '') return;
    if (!ARG.test(key)) problems[`buildArgs.${i}`] = { key: 'argBad', params: { name: key } };
    else buildArgs[key] = a.value;
  });
  const target = d.target.trim();
  if (!STAGE.test(target)) problems.target = { key: 'targetBad' };
  const dockerfile = d.dockerfile.trim();
  const input: BuildInput = {
    context: d.source === 'folder' ? { kind: 'folder', path: folder } : { kind: 'dockerfile', text: d.text },
    tags,
    buildArgs,
    ...(target !== '' ? { target } : {}),
    ...(d.source === 'folder' && dockerfile !== '' ? { dockerfile } : {}),
    ...(d.noCache ? { noCache: true } : {}),
    ...(d.classic ? { classic: true } : {}),
  };
  return { input, problems };
}
