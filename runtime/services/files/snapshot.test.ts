import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isStaticElf } from './snapshot';

describe('isStaticElf', () => {
  it("tells Debian's static busybox from a program that needs the dynamic loader", () => {
    expect(isStaticElf(readFileSync('/bin/busybox'))).toBe(true);
    expect(isStaticElf(readFileSync('/bin/ls'))).toBe(false);
  });

  it('refuses what is not an ELF file, or a cut one', () => {
    expect(isStaticElf(Buffer.from('#!/bin/sh\necho hi\n'))).toBe(false);
    expect(isStaticElf(readFileSync('/bin/busybox').subarray(0, 40))).toBe(false);
  });
});
