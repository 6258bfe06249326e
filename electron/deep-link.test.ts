import { describe, expect, it } from 'vitest';
import { linkInArgv, parseWharfLink } from './deep-link';

const opens = (raw: unknown) => {
  const parsed = parseWharfLink(raw);
  if (!parsed.ok) throw new Error(`refused: ${parsed.reason}`);
  return parsed.link;
};
const refuses = (raw: unknown) => {
  const parsed = parseWharfLink(raw);
  expect(parsed.ok, String(raw).slice(0, 80)).toBe(false);
  return parsed.ok ? '' : parsed.reason;
};

describe('parseWharfLink', () => {
  it('opens a container by id or name', () => {
    expect(opens('wharf://containers/web-1')).toEqual({ route: 'containers', id: 'web-1' });
    expect(opens('wharf://containers/3f2a9c1d0b7e')).toEqual({ route: 'containers', id: '3f2a9c1d0b7e' });
  });

  it('opens an image by reference, slashes, tag and digest included', () => {
    expect(opens('wharf://images/nginx:1.27')).toEqual({ route: 'images', id: 'nginx:1.27' });
    expect(opens('wharf://images/ghcr.io/acme/api:2')).toEqual({ route: 'images', id: 'ghcr.io/acme/api:2' });
    expect(opens('wharf://images/localhost:5000/app@sha256:' + 'a'.repeat(64))).toEqual({
      route: 'images',
      id: `localhost:5000/app@sha256:${'a'.repeat(64)}`,
    });
  });

  it('opens a volume by name, and the bare lists', () => {
    expect(opens('wharf://volumes/pgdata')).toEqual({ route: 'volumes', id: 'pgdata' });
    expect(opens('wharf://volumes')).toEqual({ route: 'volumes' });
    expect(opens('wharf://images/')).toEqual({ route: 'images' });
  });

  it('accepts what the system adds: a trailing slash, an upper-case scheme, escapes', () => {
    expect(opens('wharf://containers/web-1/')).toEqual({ route: 'containers', id: 'web-1' });
    expect(opens('WHARF://Containers/web-1')).toEqual({ route: 'containers', id: 'web-1' });
    expect(opens('wharf://images/nginx%3Alatest')).toEqual({ route: 'images', id: 'nginx:latest' });
  });

  it('refuses other schemes and pages', () => {
    refuses('javascript:alert(1)');
    refuses('wharf:javascript:alert(1)');
    refuses('https://containers/web-1');
    refuses('file:///etc/passwd');
    refuses('wharf://settings');
    refuses('wharf://terminal/host');
    refuses('wharf://');
  });

  it('refuses names the engine would refuse, and script smuggled in a name', () => {
    refuses('wharf://containers/javascript:alert(1)');
    refuses('wharf://containers/<script>');
    refuses('wharf://containers/%3Cscript%3E');
    refuses('wharf://volumes/a');
    refuses('wharf://images/-rf');
  });

  it('refuses path traversal, plain or escaped', () => {
    refuses('wharf://containers/../settings');
    refuses('wharf://containers/..%2Fsettings');
    refuses('wharf://volumes/..%2F..%2Fetc');
    refuses('wharf://images/../../etc/passwd');
    refuses('wharf://images/library/%2E%2E/x');
    refuses('wharf://images/a/./b');
    refuses('wharf://containers/a/b');
  });

  it('refuses huge links, control characters, spaces, bad escapes and non-strings', () => {
    expect(refuses(`wharf://containers/${'a'.repeat(5000)}`)).toMatch(/too long/);
    refuses(`wharf://containers/${'a'.repeat(300)}`);
    refuses('wharf://containers/web\n1');
    refuses('wharf://containers/web%0A1');
    refuses('wharf://containers/web 1');
    refuses('wharf://containers/web%001');
    refuses('wharf://containers/%E0%A4%A');
    refuses(undefined);
    refuses(42);
    refuses({ route: 'containers' });
  });
});

describe('linkInArgv', () => {
  it('finds the link among the arguments the system launched the app with', () => {
    expect(linkInArgv(['/opt/Wharf/wharf', '--no-sandbox', 'wharf://containers/web-1'])).toBe(
      'wharf://containers/web-1',
    );
    expect(linkInArgv(['C:\\Wharf\\Wharf.exe', '--', 'WHARF://volumes/data'])).toBe('WHARF://volumes/data');
  });

  it('finds it in what a second instance forwards: the switches Chromium adds come first', () => {
    const windows = [
      'C:\\Program Files\\Wharf\\Wharf.exe',
      '--allow-file-access-from-files',
      '--original-process-start-time=13370000000000000',
      'wharf://containers/web-1',
    ];
    const appImage = ['/tmp/.mount_WharfX1/wharf', '--no-sandbox', '--enable-crashpad', 'wharf://images/nginx:1.27'];
    expect(parseWharfLink(linkInArgv(windows))).toEqual({ ok: true, link: { route: 'containers', id: 'web-1' } });
    expect(parseWharfLink(linkInArgv(appImage))).toEqual({ ok: true, link: { route: 'images', id: 'nginx:1.27' } });
  });

  it('finds nothing when there is no link', () => {
    expect(linkInArgv(['/opt/Wharf/wharf', '.', '--inspect'])).toBeUndefined();
    expect(linkInArgv([])).toBeUndefined();
  });
});
