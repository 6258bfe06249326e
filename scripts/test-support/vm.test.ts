import { describe, expect, it } from 'vitest';
import { vmArm64Unavailable } from './vm';

describe('the arm64 VM test', () => {
  it('is opt-in, and says how to opt in and why it is not on by default', () => {
    const reason = vmArm64Unavailable({});
    expect(reason).toContain('WHARF_VM_ARM64=1');
    expect(reason).toMatch(/too slow for CI/);
    expect(vmArm64Unavailable({ WHARF_VM_ARM64: '0' })).toBe(reason);
  });
});
