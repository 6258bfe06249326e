import { describe, expect, it } from 'vitest';
import { ProtoError, decodeStatusResponse, fromBase64 } from './buildkit-proto';

// Two StatusResponses as dockerd 20.10 sent them (moby.buildkit.trace aux) for
// `FROM wharf-test/shell` + `RUN echo out; exit 3`.
const FAILED_VERTEX =
  'Co4CCkdzaGEyNTY6NmY2Y2EyN2YyMzQxMTVhZDRiZThlNjYyYjAwYTU2ZDFmODhkYzkyMGM0YTk3NmM1MDQwYjkyNzBkNTYzMDQ5MRJHc2hhMjU2OmFkZGI1NTM4NDRkZjQzMWYwMDY3NDBhYWE5YTE3YTc0OGIxZjA4YjJhMjAzYjcxYzNhZTc4MmYxYzYxNmRjMjAaGlsyLzJdIFJVTiBlY2hvIG91dDsgZXhpdCAzKgsIpcnb2AYQhoenZTIMCKXJ29gGELTlsLsBOkNleGVjdXRvciBmYWlsZWQgcnVubmluZyBbL2Jpbi9zaCAtYyBlY2hvIG91dDsgZXhpdCAzXTogZXhpdCBjb2RlOiAz';
const LOG_LINE =
  'Gl8KR3NoYTI1Njo2ZjZjYTI3ZjIzNDExNWFkNGJlOGU2NjJiMDBhNTZkMWY4OGRjOTIwYzRhOTc2YzUwNDBiOTI3MGQ1NjMwNDkxEgwIpcnb2AYQlq6rswEYASIEb3V0Cg==';
const DIGEST = 'sha256:6f6ca27f234115ad4be8e662b00a56d1f88dc920c4a976c5040b9270d5630491';

/** A tiny protobuf writer, to make messages the engine could send. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n >= 128) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};
const key = (no: number, wire: number) => varint(no * 8 + wire);
const bytes = (no: number, b: number[] | string) => {
  const data = typeof b === 'string' ? [...new TextEncoder().encode(b)] : b;
  return [...key(no, 2), ...varint(data.length), ...data];
};
const int = (no: number, n: number) => [...key(no, 0), ...varint(n)];
const ts = (no: number, seconds: number, nanos: number) => bytes(no, [...int(1, seconds), ...int(2, nanos)]);

describe('BuildKit StatusResponse', () => {
  it('reads a failed vertex as the engine sent it', () => {
    const s = decodeStatusResponse(fromBase64(FAILED_VERTEX));
    expect(s.statuses).toEqual([]);
    expect(s.logs).toEqual([]);
    expect(s.vertexes).toHaveLength(1);
    const v = s.vertexes[0]!;
    expect(v.digest).toBe(DIGEST);
    expect(v.inputs).toEqual(['sha256:addb553844df431f006740aaa9a17a748b1f08b2a203b71c3ae782f1c616dc20']);
    expect(v.name).toBe('[2/2] RUN echo out; exit 3');
    expect(v.cached).toBe(false);
    expect(v.error).toBe('executor failed running [/bin/sh -c echo out; exit 3]: exit code: 3');
    // 2026-12-07, completed after started.
    expect(new Date(v.started!).getUTCFullYear()).toBe(2026);
    expect(v.completed! - v.started!).toBeGreaterThan(0);
    expect(v.completed! - v.started!).toBeLessThan(60_000);
  });

  it("reads a step's log line with its stream", () => {
    const s = decodeStatusResponse(fromBase64(LOG_LINE));
    expect(s.logs).toHaveLength(1);
    expect(s.logs[0]).toMatchObject({ vertex: DIGEST, stream: 1 });
    expect(new TextDecoder().decode(s.logs[0]!.msg)).toBe('out\n');
  });

  it('reads statuses, warnings and cached vertexes, and skips fields it does not know', () => {
    const vertex = [
      ...bytes(1, 'sha256:a'),
      ...bytes(3, '[build 1/2] FROM x'),
      ...int(4, 1),
      ...ts(5, 1_700_000_000, 250_000_000),
      ...ts(6, 1_700_000_001, 0),
      ...bytes(8, [...bytes(1, 'group')]), // progressGroup: not read
      ...[...key(15, 1), 1, 2, 3, 4, 5, 6, 7, 8], // an unknown fixed64
      ...[...key(16, 5), 1, 2, 3, 4], // an unknown fixed32
    ];
    const status = [
      ...bytes(1, 'extracting sha256:b'),
      ...bytes(2, 'sha256:a'),
      ...bytes(3, 'extracting'),
      ...int(4, 3_000_000_000),
      ...int(5, 6_000_000_000),
      ...ts(6, 1, 0),
      ...ts(8, 1_700_000_002, 0),
    ];
    const warning = [...bytes(1, 'sha256:a'), ...int(2, 1), ...bytes(3, 'empty continuation line'), ...bytes(5, 'u')];
    const msg = new Uint8Array([...bytes(1, vertex), ...bytes(2, status), ...bytes(4, warning), ...int(9, 7)]);
    const s = decodeStatusResponse(msg);
    expect(s.vertexes).toEqual([
      {
        digest: 'sha256:a',
        inputs: [],
        name: '[build 1/2] FROM x',
        cached: true,
        started: 1_700_000_000_250,
        completed: 1_700_000_001_000,
      },
    ]);
    expect(s.statuses).toEqual([
      {
        id: 'extracting sha256:b',
        vertex: 'sha256:a',
        name: 'extracting',
        current: 3_000_000_000,
        total: 6_000_000_000,
        completed: 1_700_000_002_000,
      },
    ]);
    expect(s.warnings).toEqual([{ vertex: 'sha256:a', level: 1, short: 'empty continuation line' }]);
  });

  it('refuses bytes that are not a StatusResponse', () => {
    const whole = fromBase64(FAILED_VERTEX);
    expect(() => decodeStatusResponse(whole.subarray(0, whole.length - 5))).toThrow(ProtoError);
    // Field 1 (vertexes) as a varint: the wrong wire type.
    expect(() => decodeStatusResponse(new Uint8Array([...int(1, 5)]))).toThrow(ProtoError);
    expect(() => decodeStatusResponse(new Uint8Array([0x80]))).toThrow(ProtoError);
    expect(() => decodeStatusResponse(new Uint8Array([0x0f]))).toThrow(ProtoError); // wire type 7
    expect(decodeStatusResponse(new Uint8Array())).toEqual({ vertexes: [], statuses: [], logs: [], warnings: [] });
  });
});
