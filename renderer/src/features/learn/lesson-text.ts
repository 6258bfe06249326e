// A lesson's text is plain: paragraphs split by blank lines, `code` in
// backticks. This reads it into parts React draws, never as HTML. Pure.

export interface TextPart {
  code: boolean;
  text: string;
}

/** Paragraphs: runs of lines between blank lines, trimmed; single newlines kept inside a paragraph. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A paragraph's parts: text, and `code` between backticks (an unclosed backtick stays text). */
export function inlineParts(paragraph: string): TextPart[] {
  const parts: TextPart[] = [];
  const re = /`([^`\n]+)`/g;
  let at = 0;
  for (let m = re.exec(paragraph); m; m = re.exec(paragraph)) {
    if (m.index > at) parts.push({ code: false, text: paragraph.slice(at, m.index) });
    parts.push({ code: true, text: m[1]! });
    at = m.index + m[0].length;
  }
  if (at < paragraph.length) parts.push({ code: false, text: paragraph.slice(at) });
  return parts;
}
