import { describe, expect, it } from 'vitest';
import { languageFor } from './languages';

describe('languageFor', () => {
  it('picks a highlighter by file name', () => {
    expect(languageFor('Dockerfile')?.name).toBe('Dockerfile');
    expect(languageFor('compose.yaml')?.name).toBe('YAML');
    expect(languageFor('app.json')?.name).toBe('JSON');
    expect(languageFor('entry.sh')?.name).toBe('Shell');
    expect(languageFor('nginx.conf')?.name).toBe('nginx');
    expect(languageFor('.env')?.name).toBe('INI');
    expect(languageFor('README')).toBeNull();
  });
});
