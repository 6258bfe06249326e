// Anonymous volumes (created by `docker run -v /path` or an image's VOLUME)
// are named with 64 hex digits; like image ids, 12 are enough to tell them apart.

export function isAnonymousVolume(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

/** The name to show: short for anonymous volumes, whole otherwise. */
export function displayVolumeName(name: string): string {
  return isAnonymousVolume(name) ? name.slice(0, 12) : name;
}
