// wharf:// links: wharf://containers/<id or name>, wharf://images/<reference>,
// wharf://volumes/<name> (or the bare list: wharf://containers). The system
// hands them over on the command line (Windows, Linux) or through open-url
// (macOS); whatever arrives is untrusted text, so it is parsed here, strictly,
// before anything reaches the page.
import { z } from 'zod';
import { AppLinkInput } from '../runtime/domains/app/contract';
import type { AppLink } from '../runtime/domains/app/types';

export const LINK_SCHEME = 'wharf';

/** Longer than any id, name or reference the engine accepts, with room for escapes. */
const MAX_LINK_LENGTH = 2048;

const RawLink = z
  .string()
  .max(MAX_LINK_LENGTH, 'the link is too long')
  // Controls (newlines, NUL) and spaces have no place in a link.
  .regex(/^[^\s\u0000-\u001f\u007f]+$/, 'the link holds spaces or control characters');

const SHAPE = /^wharf:\/\/(containers|images|volumes)(?:\/(.*?))?\/?$/i;

export type LinkParse = { ok: true; link: AppLink } | { ok: false; reason: string };

/** What a wharf:// link opens, or why it opens nothing. */
export function parseWharfLink(raw: unknown): LinkParse {
  const text = RawLink.safeParse(raw);
  if (!text.success) return { ok: false, reason: text.error.issues[0]?.message ?? 'not a link' };
  const m = SHAPE.exec(text.data);
  if (!m) return { ok: false, reason: 'not a wharf:// link to containers, images or volumes' };
  const route = m[1]!.toLowerCase();
  const rest = m[2] ?? '';
  let id: string | undefined;
  if (rest !== '') {
    // Images keep their slashes (registry/path:tag); containers and volumes are one segment.
    if (route !== 'images' && rest.includes('/')) return { ok: false, reason: `a ${route} link names one thing` };
    try {
      id = decodeURIComponent(rest);
    } catch {
      return { ok: false, reason: 'the link is not properly escaped' };
    }
  }
  const parsed = AppLinkInput.safeParse(id === undefined ? { route } : { route, id });
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'not a link Wharf opens' };
  return { ok: true, link: parsed.data };
}

/** The wharf:// link among a process's arguments (Windows and Linux launch the app with it), if any. */
export function linkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.slice(0, LINK_SCHEME.length + 3).toLowerCase() === `${LINK_SCHEME}://`);
}
