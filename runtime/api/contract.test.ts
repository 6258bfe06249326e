import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { changesContract } from '../domains/changes/contract';
import { containersContract } from '../domains/containers/contract';
import { downloadsContract } from '../domains/downloads/contract';
import { composeContract } from '../domains/compose/contract';
import { engineContract } from '../domains/engine/contract';
import { imagesContract } from '../domains/images/contract';
import { registryContract } from '../domains/registry/contract';
import { settingsContract } from '../domains/settings/contract';
import { logsContract } from '../domains/logs/contract';
import { terminalContract } from '../domains/terminal/contract';
import { filesContract } from '../domains/files/contract';
import { mountsContract } from '../domains/mounts/contract';
import { networksContract } from '../domains/networks/contract';
import { buildContract } from '../domains/build/contract';
import { runContract } from '../domains/run/contract';
import { vmContract } from '../domains/vm/contract';
import { volumesContract } from '../domains/volumes/contract';
import { diskContract } from '../domains/disk/contract';
import { activityContract } from '../domains/activity/contract';
import { processesContract } from '../domains/processes/contract';
import { statsContract } from '../domains/stats/contract';
import { learnContract } from '../domains/learn/contract';
import { podsContract } from '../domains/pods/contract';
import { shellContract } from '../domains/shell/contract';
import { appContract } from '../domains/app/contract';
import { contextsContract } from '../domains/contexts/contract';

// Each domain file by its name; its entries are named <domain>.<verb>.
const byDomain: Record<string, object> = {
  engine: engineContract,
  settings: settingsContract,
  containers: containersContract,
  changes: changesContract,
  images: imagesContract,
  registry: registryContract,
  volumes: volumesContract,
  logs: logsContract,
  terminal: terminalContract,
  files: filesContract,
  mounts: mountsContract,
  run: runContract,
  networks: networksContract,
  build: buildContract,
  vm: vmContract,
  downloads: downloadsContract,
  compose: composeContract,
  disk: diskContract,
  processes: processesContract,
  activity: activityContract,
  stats: statsContract,
  learn: learnContract,
  pods: podsContract,
  shell: shellContract,
  app: appContract,
  contexts: contextsContract,
};

describe('contract', () => {
  it('declares every name in exactly one domain', () => {
    const domains = Object.values(byDomain);
    const names = domains.flatMap((d) => Object.keys(d));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(contract).sort()).toEqual([...names].sort());
  });

  it("names each domain file's entries after the domain", () => {
    const misplaced = Object.entries(byDomain).flatMap(([domain, entries]) =>
      Object.keys(entries)
        .filter((name) => name.split('.')[0] !== domain)
        .map((name) => `${domain}: ${name}`),
    );
    expect(misplaced).toEqual([]);
  });

  it('has one folder per domain in runtime/domains/, whose contract is named and prefixed after it', async () => {
    const root = new URL('../domains/', import.meta.url);
    const folders = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.length).toBeGreaterThan(10);
    for (const name of folders) {
      const folder = new URL(`${name}/`, root);
      expect(existsSync(new URL('README.md', folder)), `${name}/README.md`).toBe(true);
      expect(readFileSync(new URL('README.md', folder), 'utf8')).toMatch(new RegExp(`^# ${name}\\n\\n\\S`));
      const module = (await import(`../domains/${name}/contract.ts`)) as Record<string, object>;
      const entries = module[`${name}Contract`];
      expect(entries, `${name}Contract`).toBeDefined();
      expect(byDomain[name]).toBe(entries);
      expect(Object.keys(entries!).filter((key) => !key.startsWith(`${name}.`))).toEqual([]);
    }
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
