import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { containersContract } from './domains/containers';
import { downloadsContract } from './domains/downloads';
import { engineContract } from './domains/engine';
import { imagesContract } from './domains/images';
import { logsContract } from './domains/logs';
import { terminalContract } from './domains/terminal';
import { filesContract } from './domains/files';
import { mountsContract } from './domains/mounts';
import { networksContract } from './domains/networks';
import { buildContract } from './domains/build';
import { runContract } from './domains/run';
import { vmContract } from './domains/vm';
import { volumesContract } from './domains/volumes';

describe('contract', () => {
  it('declares every name in exactly one domain', () => {
    const domains = [engineContract, containersContract, imagesContract, volumesContract, logsContract, terminalContract, filesContract, mountsContract, runContract, networksContract, buildContract, vmContract, downloadsContract];
    const names = domains.flatMap((d) => Object.keys(d));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(contract).sort()).toEqual([...names].sort());
  });

  it('names each entry <domain>.<verb>', () => {
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });
});

describe('terminal.input', () => {
  const input = contract['terminal.input'].input;
  const id = 'a'.repeat(32);

  it('takes text, and binary input of bytes (characters 0-255) only', () => {
    expect(input.safeParse({ id, data: '한글' }).success).toBe(true);
    expect(input.safeParse({ id, data: '\x1b[M\xe9!', binary: true }).success).toBe(true);
    expect(input.safeParse({ id, data: '한', binary: true }).success).toBe(false);
    expect(input.safeParse({ id, data: 'x', binary: false }).success).toBe(false);
  });
});
