// The docker commands of this domain (docker rmi, tag, image prune, history, image inspect, pull, push, build, save and load), as the user sees them. Pure:
// runtime/api/docker-cli.ts joins every domain's builders into dockerCommand.
import type { CommandBuilders } from '../../api/docker-cli';

export interface ImageCommandInputs {
  'image.rmi': { images: readonly string[]; force?: boolean };
  'image.tag': { source: string; target: string };
  /** all: every image no container uses, not only dangling ones. */
  'image.prune': { all?: boolean; force?: boolean };
  'image.history': { image: string };
  'image.inspect': { images: readonly string[] };
  'image.pull': { image: string };
  'image.push': { image: string };
  /** context: a folder, or "-" for a Dockerfile read from stdin. */
  'image.build': {
    context: string;
    tags?: readonly string[];
    buildArgs?: Readonly<Record<string, string>>;
    target?: string;
    dockerfile?: string;
    noCache?: boolean;
  };
  'image.save': { images: readonly string[]; output?: string };
  'image.load': { input?: string };
}

export const imageCommands: CommandBuilders<ImageCommandInputs> = {
  'image.rmi': ({ images, force }) => ['rmi', ...(force === true ? ['-f'] : []), ...images],
  'image.tag': ({ source, target }) => ['tag', source, target],
  'image.prune': ({ all, force }) => [
    'image',
    'prune',
    ...(all === true ? ['-a'] : []),
    ...(force === true ? ['-f'] : []),
  ],
  'image.history': ({ image }) => ['history', image],
  'image.inspect': ({ images }) => ['image', 'inspect', ...images],
  'image.pull': ({ image }) => ['pull', image],
  'image.push': ({ image }) => ['push', image],
  'image.build': ({ context, tags, buildArgs, target, dockerfile, noCache }) => [
    'build',
    ...(tags ?? []).flatMap((t) => ['-t', t]),
    ...(dockerfile !== undefined && dockerfile !== '' ? ['-f', dockerfile] : []),
    ...Object.entries(buildArgs ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
    ...(target !== undefined && target !== '' ? ['--target', target] : []),
    ...(noCache === true ? ['--no-cache'] : []),
    context,
  ],
  'image.save': ({ images, output }) => ['save', ...(output !== undefined ? ['-o', output] : []), ...images],
  'image.load': ({ input }) => ['load', ...(input !== undefined ? ['-i', input] : [])],
};
