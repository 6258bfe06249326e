import { describe, expect, it } from 'vitest';
import { createNdjsonParser } from './ndjson';

describe('createNdjsonParser', () => {
  it('joins lines split across chunks and skips blank lines', () => {
    const values: unknown[] = [];
    const parser = createNdjsonParser((v) => values.push(v));
    parser.push('{"Type":"container","Act');
    parser.push('ion":"start"}\n\n{"Type":"im');
    expect(values).toEqual([{ Type: 'container', Action: 'start' }]);
    parser.push('age"}\n');
    expect(values).toEqual([{ Type: 'container', Action: 'start' }, { Type: 'image' }]);
  });

  it('keeps a multi-byte character split between chunks', () => {
    const values: unknown[] = [];
    const parser = createNdjsonParser((v) => values.push(v));
    const bytes = Buffer.from('{"name":"항구"}\n');
    parser.push(bytes.subarray(0, 11));
    parser.push(bytes.subarray(11));
    expect(values).toEqual([{ name: '항구' }]);
  });

  it('reports a bad line and goes on with the next', () => {
    const values: unknown[] = [];
    const bad: string[] = [];
    const parser = createNdjsonParser(
      (v) => values.push(v),
      (l) => bad.push(l),
    );
    parser.push('not json\n{"a":1}\n{"b":');
    parser.end();
    expect(values).toEqual([{ a: 1 }]);
    expect(bad).toEqual(['not json', '{"b":']);
  });
});
