// Which environment variables hold secrets, so their values are masked
// until the user asks to see them (someone may be looking over a shoulder,
// or sharing a screen).

// Anywhere in the name.
const PARTS = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'CREDENTIAL', 'PRIVATE', 'APIKEY', 'ACCESSKEY'];
// Whole words of the name only (split at _ - .), so KEYBOARD or AUTHOR stay visible.
const WORDS = new Set(['KEY', 'PASS', 'AUTH', 'DSN', 'SALT', 'COOKIE', 'PW', 'PWD_HASH']);

export function isSecretKey(key: string): boolean {
  const upper = key.toUpperCase();
  if (PARTS.some((p) => upper.includes(p))) return true;
  return upper.split(/[_.-]+/).some((word) => WORDS.has(word));
}

export const MASK = '••••••••';
