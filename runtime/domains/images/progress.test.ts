import { describe, expect, it } from 'vitest';
import { BuildLogReader, TransferTracker, explainTransferError } from './progress';
import { instructionOf } from './service';

describe('TransferTracker', () => {
  it('follows each layer and sums the bytes of those with a known size', () => {
    const t = new TransferTracker();
    expect(t.update({ status: 'Pulling from wharf/busybox', id: '1' })).toBeUndefined();
    t.update({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa', progressDetail: {} });
    t.update({ status: 'Already exists', id: 'bbbbbbbbbbbb', progressDetail: {} });
    expect(
      t.update({ status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 40, total: 100 } }),
    ).toEqual({
      id: 'aaaaaaaaaaaa',
      status: 'Downloading',
      current: 40,
      total: 100,
      done: false,
    });
    expect(t.overall()).toEqual({ current: 40, total: 100, layersDone: 1, layers: 2 });
    // Extracting counts the same bytes again: it must not move the sums back.
    t.update({ status: 'Extracting', id: 'aaaaaaaaaaaa', progressDetail: { current: 5, total: 300 } });
    expect(t.overall().current).toBe(40);
    expect(t.update({ status: 'Pull complete', id: 'aaaaaaaaaaaa', progressDetail: {} })).toMatchObject({
      current: 100,
      done: true,
    });
    expect(t.overall()).toEqual({ current: 100, total: 100, layersDone: 2, layers: 2 });
  });

  it("takes a layer's size from Extracting when the engine skipped all its Downloading lines", () => {
    const t = new TransferTracker();
    t.update({ status: 'Pulling fs layer', id: 'cccccccccccc', progressDetail: {} });
    t.update({ status: 'Download complete', id: 'cccccccccccc', progressDetail: {} });
    expect(
      t.update({ status: 'Extracting', id: 'cccccccccccc', progressDetail: { current: 32, total: 210 } }),
    ).toMatchObject({ current: 210, total: 210, done: false });
    // Later Extracting lines do not move it back.
    t.update({ status: 'Extracting', id: 'cccccccccccc', progressDetail: { current: 100, total: 210 } });
    expect(t.overall()).toEqual({ current: 210, total: 210, layersDone: 0, layers: 1 });
    expect(t.update({ status: 'Pull complete', id: 'cccccccccccc' })).toMatchObject({ current: 210, done: true });
  });
});

describe('explainTransferError', () => {
  it.each([
    ['unauthorized: authentication required', 'forbidden'],
    ['no basic auth credentials', 'forbidden'],
    ['manifest for 127.0.0.1:5000/x:1 not found: manifest unknown: manifest unknown', 'not-found'],
    ["pull access denied for nope, repository does not exist or may require 'docker login'", 'not-found'],
    ['Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host', 'unavailable'],
    ['Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'unavailable'],
    ['something else entirely', 'engine'],
  ])('%s → %s', (raw, code) => {
    const e = explainTransferError(raw, 'img:1', 'pull');
    expect(e.code).toBe(code);
    expect(e.params?.reason).toBe(raw);
  });
});

describe('BuildLogReader', () => {
  it('reads Docker classic builder steps, cache hits and step output across chunk borders', () => {
    const r = new BuildLogReader();
    r.feed('Step 1/3 : FROM base\n ---> 1234\nStep 2/3 : COPY a /a\n');
    r.feed(' ---> Using cache\n ---> 5678\nStep 3/3 : RUN make\n ---> Running in abc\nbuil');
    r.feed('ding...\nerror: x\n');
    r.flush();
    expect(r.steps.map((s) => [s.index, s.total, s.instruction, s.cached])).toEqual([
      [1, 3, 'FROM base', false],
      [2, 3, 'COPY a /a', true],
      [3, 3, 'RUN make', false],
    ]);
    expect(r.steps[2]!.output).toEqual(['building...', 'error: x']);
  });

  it('reads Podman steps', () => {
    const r = new BuildLogReader();
    r.feed('STEP 1/2: FROM base\nSTEP 2/2: COPY a /a\n--> Using cache 0123abcd\nCOMMIT x\n--> 0123abcd\n');
    expect(r.steps.map((s) => s.cached)).toEqual([false, true]);
    expect(r.steps[1]!.output).toEqual([]);
  });

  it("reads Podman's multi-stage steps, numbered stage by stage, in the order they came", () => {
    const r = new BuildLogReader();
    r.feed('[1/2] STEP 1/2: FROM base AS left\n[1/2] STEP 2/2: RUN echo left\nleft\n--> 603d6a168d3\n');
    r.feed('[2/2] STEP 1/2: FROM base\n[2/2] STEP 2/2: COPY --from=left /l /l\n--> Using cache 2743\n');
    r.feed('[2/2] COMMIT docker.io/library/x\n--> 2743dcbaf1b\n');
    expect(r.steps.map((s) => [s.index, s.label, s.stage, s.instruction, s.cached])).toEqual([
      [1, '[1/2] 1/2', '1', 'FROM base AS left', false],
      [2, '[1/2] 2/2', '1', 'RUN echo left', false],
      [3, '[2/2] 1/2', '2', 'FROM base', false],
      [4, '[2/2] 2/2', '2', 'COPY --from=left /l /l', true],
    ]);
    expect(r.steps[1]!.output).toEqual(['left']);
    expect(r.steps[3]!.output).toEqual([]);
  });
});

describe('instructionOf', () => {
  it('cleans the builder wrapping', () => {
    expect(instructionOf('/bin/sh -c #(nop)  CMD ["/bin/sh"]')).toBe('CMD ["/bin/sh"]');
    expect(instructionOf('/bin/sh -c apt-get update')).toBe('RUN apt-get update');
    expect(instructionOf('/bin/busybox --install -s /bin')).toBe('RUN /bin/busybox --install -s /bin');
    expect(instructionOf('COPY file:abc in / # buildkit')).toBe('COPY file:abc in / # buildkit');
  });
});
