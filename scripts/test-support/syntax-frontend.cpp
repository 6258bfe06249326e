// A minimal BuildKit gateway frontend, the program a "# syntax=<image>" line
// names. Tests build it (g++ -static) into a FROM scratch image and serve it
// from a local registry, so a "# syntax=" build succeeds without reaching
// docker.io for docker/dockerfile.
//
// BuildKit runs the image's entrypoint with a gRPC connection on stdin/stdout
// (HTTP/2, cleartext, prior knowledge): this program is the client, BuildKit
// serves moby.buildkit.v1.frontend.LLBBridge (frontend/gateway/pb/gateway.proto).
// The build's options arrive as BUILDKIT_FRONTEND_OPT_<n>=<key>=<value>
// (frontend/gateway/gateway.go). The Dockerfile frontend that found the
// "# syntax=" line set "cmdline" among them, and a Dockerfile frontend given
// "cmdline" does not look at that line again: so this frontend asks BuildKit
// to Solve with the built-in "dockerfile.v0" and the same options, then
// Returns that result (its ref and its metadata, the image config) as its own.
//
// Hand-rolled on purpose (no gRPC library, nothing to pull): HTTP/2 frames,
// HPACK literals without Huffman on the way out, the 5-byte gRPC message
// prefix, flow control for replies larger than a window, and the few protobuf
// fields these calls use. Replies' headers are read through HPACK's dynamic
// table, with the part of its Huffman code gRPC's names need, for the
// trailers' grpc-status; where a status cannot be read, a reply without a
// message failed (gRPC answers an error with trailers alone).
//
// `syntax-frontend --decode-headers <hex>` prints the fields of HPACK blocks
// (hex, one argument each, decoded in order) one per line: its unit test.
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

extern char **environ;

using Bytes = std::string;

[[noreturn]] static void die(const std::string &what) {
  std::fprintf(stderr, "syntax-frontend: %s\n", what.c_str());
  std::exit(1);
}

// ---- I/O on the gateway's pipes ----
static void writeAll(const Bytes &b) {
  size_t off = 0;
  while (off < b.size()) {
    ssize_t n = ::write(1, b.data() + off, b.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die("writing to the gateway failed");
    off += size_t(n);
  }
}
static void readAll(char *p, size_t len) {
  size_t off = 0;
  while (off < len) {
    ssize_t n = ::read(0, p + off, len - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die("the gateway closed the connection");
    off += size_t(n);
  }
}

// ---- protobuf: varints and length-delimited fields ----
static void putVarint(Bytes &out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(char((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(char(v));
}
static void putBytes(Bytes &out, int field, const Bytes &value) {
  putVarint(out, uint64_t(field) << 3 | 2);
  putVarint(out, value.size());
  out += value;
}
struct Field {
  int number;
  int wire;
  uint64_t varint;
  Bytes bytes;
};
/** The top-level fields of one message. */
static std::vector<Field> parseMessage(const Bytes &m) {
  std::vector<Field> fields;
  size_t i = 0;
  auto varint = [&]() {
    uint64_t v = 0;
    for (int shift = 0; i < m.size() && shift < 64; shift += 7) {
      uint8_t c = uint8_t(m[i++]);
      v |= uint64_t(c & 0x7f) << shift;
      if (!(c & 0x80)) return v;
    }
    die("a malformed protobuf varint");
  };
  while (i < m.size()) {
    uint64_t key = varint();
    Field f{int(key >> 3), int(key & 7), 0, {}};
    if (f.wire == 0) f.varint = varint();
    else if (f.wire == 2) {
      uint64_t len = varint();
      if (len > m.size() - i) die("a protobuf field longer than its message");
      f.bytes = m.substr(i, len);
      i += len;
    } else if (f.wire == 1) i += 8;
    else if (f.wire == 5) i += 4;
    else die("an unknown protobuf wire type");
    fields.push_back(f);
  }
  return fields;
}

// ---- HTTP/2 ----
enum : uint8_t { DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7, WINDOW_UPDATE = 8, CONTINUATION = 9 };
enum : uint8_t { END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8, PRIORITY = 0x20 };

static Bytes frame(uint8_t type, uint8_t flags, uint32_t stream, const Bytes &payload) {
  Bytes f;
  uint32_t len = uint32_t(payload.size());
  f.push_back(char(len >> 16));
  f.push_back(char(len >> 8));
  f.push_back(char(len));
  f.push_back(char(type));
  f.push_back(char(flags));
  for (int s = 24; s >= 0; s -= 8) f.push_back(char((stream >> s) & 0x7f));
  return f + payload;
}
static Bytes u32(uint32_t v) {
  Bytes b;
  for (int s = 24; s >= 0; s -= 8) b.push_back(char(v >> s));
  return b;
}

struct Frame {
  uint8_t type, flags;
  uint32_t stream;
  Bytes payload;
};
static Frame readFrame() {
  char h[9];
  readAll(h, 9);
  Frame f;
  uint32_t len = uint32_t(uint8_t(h[0])) << 16 | uint32_t(uint8_t(h[1])) << 8 | uint8_t(h[2]);
  f.type = uint8_t(h[3]);
  f.flags = uint8_t(h[4]);
  f.stream = (uint32_t(uint8_t(h[5])) << 24 | uint32_t(uint8_t(h[6])) << 16 | uint32_t(uint8_t(h[7])) << 8 |
              uint8_t(h[8])) & 0x7fffffff;
  f.payload.resize(len);
  if (len > 0) readAll(&f.payload[0], len);
  return f;
}
/** A frame's payload without its padding (and, for HEADERS, its priority fields). */
static Bytes content(const Frame &f) {
  size_t start = 0, pad = 0;
  if (f.flags & PADDED) {
    if (f.payload.empty()) die("an empty padded frame");
    pad = uint8_t(f.payload[0]);
    start = 1;
  }
  if (f.type == HEADERS && (f.flags & PRIORITY)) start += 5;
  if (start + pad > f.payload.size()) die("a frame shorter than its padding");
  return f.payload.substr(start, f.payload.size() - start - pad);
}

// HPACK: an integer with an N-bit prefix, and a string literal without Huffman coding.
static void hpackInt(Bytes &out, uint8_t first, int bits, uint64_t v) {
  uint64_t max = (1u << bits) - 1;
  if (v < max) {
    out.push_back(char(first | v));
    return;
  }
  out.push_back(char(first | max));
  for (v -= max; v >= 0x80; v >>= 7) out.push_back(char((v & 0x7f) | 0x80));
  out.push_back(char(v));
}
static void hpackLiteral(Bytes &out, const Bytes &name, const Bytes &value) {
  out.push_back(0x00); // literal header field without indexing, new name
  hpackInt(out, 0x00, 7, name.size());
  out += name;
  hpackInt(out, 0x00, 7, value.size());
  out += value;
}
static uint64_t hpackReadInt(const Bytes &b, size_t &i, int bits) {
  uint64_t max = (1u << bits) - 1, v = uint8_t(b[i++]) & max;
  if (v < max) return v;
  for (int shift = 0; i < b.size(); shift += 7) {
    uint8_t c = uint8_t(b[i++]);
    v += uint64_t(c & 0x7f) << shift;
    if (!(c & 0x80)) return v;
  }
  die("a malformed HPACK integer");
}
// HPACK's Huffman code (RFC 7541, Appendix B) is canonical: its 5-bit codes
// are 00000..01001 and its 6-bit codes 010100..101101, for these symbols in
// order. Every name gRPC's replies use ("grpc-status", "content-type") is
// written with them; status values are short digits, sent without Huffman
// coding. A string that needs a longer code is not decoded here.
static const char HUFFMAN5[] = "012aceiost";
static const char HUFFMAN6[] = " %-./3456789=A_bdfghlmnpru";
static bool huffmanDecode(const Bytes &in, Bytes &out) {
  uint64_t acc = 0;
  int n = 0; // bits in acc not decoded yet
  for (char ch : in) {
    acc = acc << 8 | uint8_t(ch);
    n += 8;
    while (n >= 5) {
      uint32_t five = uint32_t(acc >> (n - 5)) & 0x1f;
      if (five < 10) {
        out.push_back(HUFFMAN5[five]);
        n -= 5;
        continue;
      }
      if (n < 6) break;
      uint32_t six = uint32_t(acc >> (n - 6)) & 0x3f;
      if (six < 0x14 || six > 0x2d) break; // a longer code, or the padding
      out.push_back(HUFFMAN6[six - 0x14]);
      n -= 6;
    }
    if (n >= 8) return false; // a code of 7 bits or more
  }
  // The padding: fewer than 8 bits, all ones.
  return n < 8 && (acc & ((1u << n) - 1)) == ((1u << n) - 1);
}

// HPACK's static table (RFC 7541, Appendix A): entries 1..61, "name value" or "name".
static const char *const STATIC_TABLE[] = {
    ":authority", ":method GET", ":method POST", ":path /", ":path /index.html", ":scheme http", ":scheme https",
    ":status 200", ":status 204", ":status 206", ":status 304", ":status 400", ":status 404", ":status 500",
    "accept-charset", "accept-encoding gzip, deflate", "accept-language", "accept-ranges", "accept",
    "access-control-allow-origin", "age", "allow", "authorization", "cache-control", "content-disposition",
    "content-encoding", "content-language", "content-length", "content-location", "content-range", "content-type",
    "cookie", "date", "etag", "expect", "expires", "from", "host", "if-match", "if-modified-since", "if-none-match",
    "if-range", "if-unmodified-since", "last-modified", "link", "location", "max-forwards", "proxy-authenticate",
    "proxy-authorization", "range", "referer", "refresh", "retry-after", "server", "set-cookie",
    "strict-transport-security", "transfer-encoding", "user-agent", "vary", "via", "www-authenticate"};

/** What this client reads of the header blocks it receives: their fields, through HPACK's dynamic table. */
struct HeaderDecoder {
  std::vector<std::pair<Bytes, Bytes>> table; // newest first
  size_t size = 0, max = 4096;

  void add(const Bytes &name, const Bytes &value) {
    table.insert(table.begin(), {name, value});
    size += name.size() + value.size() + 32;
    evict();
  }
  void evict() {
    while (size > max && !table.empty()) {
      size -= table.back().first.size() + table.back().second.size() + 32;
      table.pop_back();
    }
  }
  /** A field by its index, in the static table (1..61) or the dynamic one. */
  std::pair<Bytes, Bytes> at(uint64_t index) {
    if (index == 0) die("HPACK index 0");
    if (index <= 61) {
      Bytes entry = STATIC_TABLE[index - 1];
      size_t space = entry.find(' ');
      return space == Bytes::npos ? std::make_pair(entry, Bytes()) : std::make_pair(entry.substr(0, space), entry.substr(space + 1));
    }
    if (index - 62 >= table.size()) die("an HPACK index beyond the dynamic table");
    return table[index - 62];
  }
  Bytes string(const Bytes &block, size_t &i) {
    if (i >= block.size()) die("a truncated HPACK block");
    bool huffman = uint8_t(block[i]) & 0x80;
    uint64_t len = hpackReadInt(block, i, 7);
    if (len > block.size() - i) die("an HPACK string longer than its block");
    Bytes raw = block.substr(i, len), text;
    i += len;
    if (!huffman) return raw;
    // Not decodable here: a stand-in as long as the string could be (what the table's size counts).
    return huffmanDecode(raw, text) ? text : Bytes(raw.size() * 8 / 5, '?');
  }
  /** Reads one header block; returns its fields. */
  std::vector<std::pair<Bytes, Bytes>> decode(const Bytes &block) {
    std::vector<std::pair<Bytes, Bytes>> fields;
    size_t i = 0;
    while (i < block.size()) {
      uint8_t c = uint8_t(block[i]);
      if (c & 0x80) { // indexed field
        fields.push_back(at(hpackReadInt(block, i, 7)));
      } else if ((c & 0xe0) == 0x20) { // dynamic table size update
        max = hpackReadInt(block, i, 5);
        evict();
      } else { // a literal: with incremental indexing (01), without (0000) or never indexed (0001)
        bool indexing = c & 0x40;
        uint64_t nameIndex = hpackReadInt(block, i, indexing ? 6 : 4);
        Bytes name = nameIndex == 0 ? string(block, i) : at(nameIndex).first;
        Bytes value = string(block, i);
        if (indexing) add(name, value);
        fields.push_back({name, value});
      }
    }
    return fields;
  }
};

struct Connection {
  uint32_t nextStream = 1;
  HeaderDecoder headers;
  /** Bytes a DATA frame received before this connection's window is given back. */
  uint32_t unacknowledged = 0;

  void open() {
    writeAll("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    // SETTINGS_ENABLE_PUSH (2) = 0; SETTINGS_INITIAL_WINDOW_SIZE (4) = 1 MiB.
    Bytes settings;
    settings += Bytes("\x00\x02", 2) + u32(0);
    settings += Bytes("\x00\x04", 2) + u32(1 << 20);
    writeAll(frame(SETTINGS, 0, 0, settings));
  }

  /** One unary call: the reply's message, or the failure's grpc-status (never 0). */
  std::pair<Bytes, int> call(const std::string &method, const Bytes &request) {
    uint32_t stream = nextStream;
    nextStream += 2;
    Bytes request_headers;
    hpackLiteral(request_headers, ":method", "POST");
    hpackLiteral(request_headers, ":scheme", "http");
    hpackLiteral(request_headers, ":path", "/moby.buildkit.v1.frontend.LLBBridge/" + method);
    hpackLiteral(request_headers, ":authority", "localhost");
    hpackLiteral(request_headers, "content-type", "application/grpc");
    hpackLiteral(request_headers, "te", "trailers");
    writeAll(frame(HEADERS, END_HEADERS, stream, request_headers));
    Bytes message;
    message.push_back(0); // not compressed
    message += u32(uint32_t(request.size())) + request;
    // The default max frame size (16 KiB): a larger request goes in several DATA frames.
    for (size_t off = 0; off < message.size(); off += 16384) {
      size_t n = std::min<size_t>(16384, message.size() - off);
      writeAll(frame(DATA, off + n == message.size() ? END_STREAM : 0, stream, message.substr(off, n)));
    }

    Bytes body, block;
    int status = -1;
    bool ended = false, endsWithBlock = false; // END_STREAM is on HEADERS, END_HEADERS maybe on a CONTINUATION
    while (!ended) {
      Frame f = readFrame();
      switch (f.type) {
      case SETTINGS:
        if (!(f.flags & ACK)) writeAll(frame(SETTINGS, ACK, 0, ""));
        break;
      case PING:
        if (!(f.flags & ACK)) writeAll(frame(PING, ACK, 0, f.payload));
        break;
      case GOAWAY:
        die("the gateway sent GOAWAY");
      case WINDOW_UPDATE: // this client's requests are small: the initial windows suffice
        break;
      case RST_STREAM:
        if (f.stream == stream) die(method + ": the gateway reset the stream");
        break;
      case DATA:
        if (f.stream != stream) break;
        body += content(f);
        // Give the window back, the connection's and the stream's, as the bytes arrive.
        if (!f.payload.empty()) {
          writeAll(frame(WINDOW_UPDATE, 0, 0, u32(uint32_t(f.payload.size()))));
          if (!(f.flags & END_STREAM)) writeAll(frame(WINDOW_UPDATE, 0, stream, u32(uint32_t(f.payload.size()))));
        }
        ended = f.flags & END_STREAM;
        break;
      case HEADERS:
      case CONTINUATION:
        if (f.stream != stream) break;
        block += content(f);
        if (f.type == HEADERS) endsWithBlock = f.flags & END_STREAM;
        if (f.flags & END_HEADERS) {
          for (auto &field : headers.decode(block))
            if (field.first == "grpc-status") status = std::atoi(field.second.c_str());
          block.clear();
          ended = endsWithBlock;
        }
        break;
      default:
        break;
      }
    }
    // The reply: one length-prefixed message, uncompressed.
    if (body.size() >= 5 && status <= 0) {
      uint32_t len = uint32_t(uint8_t(body[1])) << 24 | uint32_t(uint8_t(body[2])) << 16 |
                     uint32_t(uint8_t(body[3])) << 8 | uint8_t(body[4]);
      if (body[0] != 0) die(method + ": a compressed reply");
      if (len != body.size() - 5) die(method + ": a reply of the wrong length");
      return {body.substr(5), 0};
    }
    return {Bytes(), status > 0 ? status : 2 /* UNKNOWN */};
  }
};

int main(int argc, char **argv) {
  if (argc > 1 && std::string(argv[1]) == "--decode-headers") {
    HeaderDecoder decoder;
    for (int a = 2; a < argc; a++) {
      Bytes block;
      for (const char *h = argv[a]; h[0] != 0 && h[1] != 0; h += 2) block.push_back(char(std::stoi(std::string(h, 2), nullptr, 16)));
      for (auto &field : decoder.decode(block)) std::printf("%s: %s\n", field.first.c_str(), field.second.c_str());
    }
    return 0;
  }
  // The build's options: BUILDKIT_FRONTEND_OPT_<n>=<key>=<value>.
  std::vector<std::pair<std::string, std::string>> opts;
  bool cmdline = false;
  for (char **e = environ; *e != nullptr; e++) {
    std::string kv = *e;
    if (kv.rfind("BUILDKIT_FRONTEND_OPT_", 0) != 0) continue;
    size_t eq = kv.find('=');
    std::string opt = kv.substr(eq + 1);
    size_t sep = opt.find('=');
    if (sep == std::string::npos) continue;
    opts.emplace_back(opt.substr(0, sep), opt.substr(sep + 1));
    if (opts.back().first == "cmdline") cmdline = true;
  }
  // Run directly (not by BuildKit): say what this is instead of waiting on stdin.
  if (std::getenv("BUILDKIT_SESSION_ID") == nullptr) die("a BuildKit frontend: run by a \"# syntax=\" line, not by hand");
  // Without "cmdline" the Dockerfile frontend would find the "# syntax=" line again and run this image again.
  if (!cmdline) opts.emplace_back("cmdline", "wharf-test-syntax");

  Connection c;
  c.open();
  int pinged = c.call("Ping", "").second;
  if (pinged != 0) die("Ping failed (gRPC status " + std::to_string(pinged) + ")");

  // SolveRequest: Frontend (2), FrontendOpt (3, map entries {1: key, 2: value}), allowResultReturn (5).
  Bytes solve;
  putBytes(solve, 2, "dockerfile.v0");
  for (auto &kv : opts) {
    Bytes entry;
    putBytes(entry, 1, kv.first);
    putBytes(entry, 2, kv.second);
    putBytes(solve, 3, entry);
  }
  putVarint(solve, 5 << 3 | 0); // allowResultReturn = true
  putVarint(solve, 1);
  auto solved = c.call("Solve", solve);

  // ReturnRequest: result (1) = the Solve's Result as it came (its ref and the image config), or error (2).
  Bytes ret;
  if (solved.second == 0) {
    Bytes result, ref;
    for (auto &f : parseMessage(solved.first)) {
      if (f.number == 3 && f.wire == 2) result = f.bytes; // SolveResponse.result
      if (f.number == 1 && f.wire == 2) ref = f.bytes;    // SolveResponse.ref (older gateways)
    }
    if (result.empty()) putBytes(result, 1, ref);
    putBytes(ret, 1, result);
  } else {
    // google.rpc.Status: code (1), message (2).
    Bytes status;
    putVarint(status, 1 << 3 | 0);
    putVarint(status, uint64_t(solved.second));
    putBytes(status, 2, "the Dockerfile frontend this \"# syntax=\" image runs failed (see the build's steps)");
    putBytes(ret, 2, status);
  }
  int returned = c.call("Return", ret).second;
  if (returned != 0) die("Return failed (gRPC status " + std::to_string(returned) + ")");
  return solved.second == 0 ? 0 : 1;
}
