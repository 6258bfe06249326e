// The platform the page runs on, in Node's words (win32, darwin, linux), from what the browser says.
export function pagePlatform(nav: { userAgent: string; platform?: string } = navigator): string {
  const text = `${nav.platform ?? ''} ${nav.userAgent}`;
  if (/Win/i.test(text)) return 'win32';
  if (/Mac/i.test(text)) return 'darwin';
  return 'linux';
}
