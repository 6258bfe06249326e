// Names of images as the UI shows and sends them. The renderer cannot import
// the contract's zod schemas (type imports only), so the tag rule is repeated
// here for the form; the runtime checks it again.
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { ImageSummary } from '../../../../runtime/domains/images/types';
import { shortId } from '../../lib/format';

/** Same rule as ImageTag in runtime/domains/images/contract.ts. */
const TAG =
  /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;

export function isValidTag(text: string): boolean {
  return text.length > 0 && text.length <= 256 && TAG.test(text);
}

/** The image's names ("repo:tag"), without the engine's "<none>:<none>". */
export function namesOf(image: Pick<ImageSummary, 'repoTags'>): string[] {
  return image.repoTags.filter((tag) => tag !== '<none>:<none>' && !tag.endsWith(':<none>'));
}

/** What to call an image in text and commands: its first name, else its short id. */
export function refOf(image: Pick<ImageSummary, 'id' | 'repoTags'>): string {
  return namesOf(image)[0] ?? shortId(image.id);
}

/** Names of the containers (running or not) made from each image id. */
export function usersByImage(containers: readonly ContainerSummary[] | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const c of containers ?? []) map.set(c.imageId, [...(map.get(c.imageId) ?? []), c.name]);
  return map;
}

/** The registry a name points to: "127.0.0.1:5000/a/b:1" → "127.0.0.1:5000"; "busybox" → "docker.io". */
export function registryOf(ref: string): string {
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  return first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** The address of the run form for an image (the form itself is its own page). */
export function runHref(ref: string): string {
  return `#/run/${encodeURIComponent(ref)}`;
}

export const BUILD_HREF = '#/build';

/** "nginx" and "docker.io/library/nginx:latest" alike: Docker Hub's prefix dropped, ":latest" where no tag or digest is given. */
function normalRef(ref: string): string {
  let name = ref.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  name = name.replace(/^library\/(?=[^/]+$)/, '');
  const last = name.slice(name.lastIndexOf('/') + 1);
  return name.includes('@') || last.includes(':') ? name : `${name}:latest`;
}

/**
 * The image an address names: its id (full, "sha256:"-less, or a 12-or-more
 * hex prefix), one of its names ("nginx", "nginx:1.27",
 * "docker.io/library/nginx:latest" are one) or a digest reference.
 */
export function findImage<T extends Pick<ImageSummary, 'id' | 'repoTags' | 'repoDigests'>>(
  images: readonly T[],
  ref: string,
): T | undefined {
  const byId = images.find((i) => i.id === ref || i.id === `sha256:${ref}`);
  if (byId) return byId;
  if (/^[0-9a-f]{12,64}$/.test(ref)) {
    const byPrefix = images.filter((i) => i.id.replace(/^sha256:/, '').startsWith(ref));
    if (byPrefix.length === 1) return byPrefix[0];
  }
  const wanted = normalRef(ref);
  return images.find(
    (i) => namesOf(i).some((tag) => normalRef(tag) === wanted) || i.repoDigests.some((d) => normalRef(d) === wanted),
  );
}
