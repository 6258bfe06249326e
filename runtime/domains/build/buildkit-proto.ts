// A small protobuf reader for BuildKit's progress: the engine's /build with
// version=2 sends each update as a JSON message {"id":"moby.buildkit.trace",
// "aux":"<base64>"} whose bytes are a moby.buildkit.v1.StatusResponse
// (github.com/moby/buildkit api/services/control/control.proto):
//
//   StatusResponse { repeated Vertex vertexes = 1; repeated VertexStatus statuses = 2;
//                    repeated VertexLog logs = 3; repeated VertexWarning warnings = 4; }
//   Vertex { string digest = 1; repeated string inputs = 2; string name = 3; bool cached = 4;
//            Timestamp started = 5; Timestamp completed = 6; string error = 7; ProgressGroup progressGroup = 8; }
//   VertexStatus { string ID = 1; string vertex = 2; string name = 3; int64 current = 4; int64 total = 5;
//                  Timestamp timestamp = 6; Timestamp started = 7; Timestamp completed = 8; }
//   VertexLog { string vertex = 1; Timestamp timestamp = 2; int64 stream = 3; bytes msg = 4; }
//   VertexWarning { string vertex = 1; int64 level = 2; bytes short = 3; repeated bytes detail = 4; string url = 5; … }
//   google.protobuf.Timestamp { int64 seconds = 1; int32 nanos = 2; }
//
// Only what Wharf shows is read; unknown fields are skipped, as protobuf
// readers must. Pure: Uint8Array in, plain objects out.

export interface BkVertex {
  digest: string;
  inputs: string[];
  name: string;
  cached: boolean;
  /** Milliseconds since the epoch. */
  started?: number;
  completed?: number;
  error?: string;
}

export interface BkVertexStatus {
  id: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  started?: number;
  completed?: number;
}

export interface BkVertexLog {
  vertex: string;
  /** 1 stdout, 2 stderr. */
  stream: number;
  msg: Uint8Array;
}

export interface BkVertexWarning {
  vertex: string;
  level: number;
  short: string;
}

export interface BkStatus {
  vertexes: BkVertex[];
  statuses: BkVertexStatus[];
  logs: BkVertexLog[];
  warnings: BkVertexWarning[];
}

export class ProtoError extends Error {}

const utf8 = new TextDecoder('utf-8');

/** One message's fields, in order: each (field number, wire type, value). */
class Reader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** A varint as a number (exact up to 2^53, which timestamps and sizes stay under). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new ProtoError('truncated varint');
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes');
  }

  bytes(): Uint8Array {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.buf.length) throw new ProtoError('truncated field');
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.varint();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.bytes();
        return;
      case 5:
        this.advance(4);
        return;
      default:
        throw new ProtoError(`unsupported wire type ${wire}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.buf.length) throw new ProtoError('truncated field');
    this.pos += n;
  }

  /** Calls `field` for each field of the message; it returns false for the ones it does not read (they are skipped). */
  fields(field: (no: number, wire: number) => boolean): void {
    while (!this.done()) {
      const key = this.varint();
      const no = Math.floor(key / 8);
      const wire = key & 7;
      if (no === 0) throw new ProtoError('field number 0');
      if (!field(no, wire)) this.skip(wire);
    }
  }
}

function expectWire(actual: number, expected: number): boolean {
  if (actual !== expected) throw new ProtoError(`wire type ${actual} where ${expected} was expected`);
  return true;
}

/** Reads the fields of one message: `field` reads the value of the ones it knows from `r` and returns true. */
function read(buf: Uint8Array, field: (no: number, wire: number, r: Reader) => boolean): void {
  const r = new Reader(buf);
  r.fields((no, wire) => field(no, wire, r));
}

function vertex(buf: Uint8Array): BkVertex {
  const v: BkVertex = { digest: '', inputs: [], name: '', cached: false };
  read(buf, (no, wire, r) => {
    if (no === 1 && expectWire(wire, 2)) v.digest = utf8.decode(r.bytes());
    else if (no === 2 && expectWire(wire, 2)) v.inputs.push(utf8.decode(r.bytes()));
    else if (no === 3 && expectWire(wire, 2)) v.name = utf8.decode(r.bytes());
    else if (no === 4 && expectWire(wire, 0)) v.cached = r.varint() !== 0;
    else if (no === 5 && expectWire(wire, 2)) v.started = readTimestamp(r.bytes());
    else if (no === 6 && expectWire(wire, 2)) v.completed = readTimestamp(r.bytes());
    else if (no === 7 && expectWire(wire, 2)) v.error = utf8.decode(r.bytes());
    else return false;
    return true;
  });
  return v;
}

function vertexStatus(buf: Uint8Array): BkVertexStatus {
  const s: BkVertexStatus = { id: '', vertex: '', name: '', current: 0, total: 0 };
  read(buf, (no, wire, r) => {
    if (no === 1 && expectWire(wire, 2)) s.id = utf8.decode(r.bytes());
    else if (no === 2 && expectWire(wire, 2)) s.vertex = utf8.decode(r.bytes());
    else if (no === 3 && expectWire(wire, 2)) s.name = utf8.decode(r.bytes());
    else if (no === 4 && expectWire(wire, 0)) s.current = r.varint();
    else if (no === 5 && expectWire(wire, 0)) s.total = r.varint();
    else if (no === 7 && expectWire(wire, 2)) s.started = readTimestamp(r.bytes());
    else if (no === 8 && expectWire(wire, 2)) s.completed = readTimestamp(r.bytes());
    else return false;
    return true;
  });
  return s;
}

function vertexLog(buf: Uint8Array): BkVertexLog {
  const l: BkVertexLog = { vertex: '', stream: 0, msg: new Uint8Array() };
  read(buf, (no, wire, r) => {
    if (no === 1 && expectWire(wire, 2)) l.vertex = utf8.decode(r.bytes());
    else if (no === 3 && expectWire(wire, 0)) l.stream = r.varint();
    else if (no === 4 && expectWire(wire, 2)) l.msg = r.bytes();
    else return false;
    return true;
  });
  return l;
}

function vertexWarning(buf: Uint8Array): BkVertexWarning {
  const w: BkVertexWarning = { vertex: '', level: 0, short: '' };
  read(buf, (no, wire, r) => {
    if (no === 1 && expectWire(wire, 2)) w.vertex = utf8.decode(r.bytes());
    else if (no === 2 && expectWire(wire, 0)) w.level = r.varint();
    else if (no === 3 && expectWire(wire, 2)) w.short = utf8.decode(r.bytes());
    else return false;
    return true;
  });
  return w;
}

function readTimestamp(buf: Uint8Array): number {
  let seconds = 0;
  let nanos = 0;
  read(buf, (no, wire, r) => {
    if (no === 1 && expectWire(wire, 0)) seconds = r.varint();
    else if (no === 2 && expectWire(wire, 0)) nanos = r.varint();
    else return false;
    return true;
  });
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

/** Decodes one StatusResponse; throws ProtoError on bytes that are not one. */
export function decodeStatusResponse(buf: Uint8Array): BkStatus {
  const out: BkStatus = { vertexes: [], statuses: [], logs: [], warnings: [] };
  read(buf, (no, wire, r) => {
    if (no === 1 && expectWire(wire, 2)) out.vertexes.push(vertex(r.bytes()));
    else if (no === 2 && expectWire(wire, 2)) out.statuses.push(vertexStatus(r.bytes()));
    else if (no === 3 && expectWire(wire, 2)) out.logs.push(vertexLog(r.bytes()));
    else if (no === 4 && expectWire(wire, 2)) out.warnings.push(vertexWarning(r.bytes()));
    else return false;
    return true;
  });
  return out;
}

/** Base64 (the trace message's aux) to bytes, without Node's Buffer. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
