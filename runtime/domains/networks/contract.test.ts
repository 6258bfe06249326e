import { describe, expect, it } from 'vitest';
import { NetworkConnectInput, NetworkCreateInput, addressProblems, nameProblems, problemText } from './contract';

const keys = (problems: Array<{ field: string; key: string }>) => problems.map((p) => `${p.field}:${p.key}`);

describe('a new network', () => {
  it('accepts a subnet at its network address and a gateway inside it', () => {
    expect(addressProblems('10.10.0.0/24', '10.10.0.1')).toEqual([]);
    expect(addressProblems('172.30.16.0/20', '172.30.31.254')).toEqual([]);
    expect(addressProblems(undefined, undefined)).toEqual([]);
  });

  it('names what is wrong with a subnet, and says the address it should start at', () => {
    expect(keys(addressProblems('10.10.0/24', undefined))).toEqual(['subnet:subnetFormat']);
    expect(keys(addressProblems('10.10.0.0', undefined))).toEqual(['subnet:subnetFormat']);
    expect(keys(addressProblems('10.10.0.300/24', undefined))).toEqual(['subnet:subnetFormat']);
    expect(keys(addressProblems('10.10.0.0/33', undefined))).toEqual(['subnet:subnetFormat']);
    expect(keys(addressProblems('10.10.0.0/31', undefined))).toEqual(['subnet:subnetPrefix']);
    const [hostBits] = addressProblems('10.10.0.5/24', undefined);
    expect(hostBits).toMatchObject({ field: 'subnet', key: 'subnetHostBits', params: { expected: '10.10.0.0/24' } });
    expect(problemText(hostBits!)).toBe(
      '"10.10.0.5/24" does not start at its network address: for /24 write 10.10.0.0/24.',
    );
  });

  it('holds the gateway to the subnet', () => {
    expect(keys(addressProblems(undefined, '10.10.0.1'))).toEqual(['gateway:gatewayNeedsSubnet']);
    expect(keys(addressProblems('10.10.0.0/24', '10.11.0.1'))).toEqual(['gateway:gatewayOutside']);
    expect(keys(addressProblems('10.10.0.0/24', '10.10.0.0'))).toEqual(['gateway:gatewayReserved']);
    expect(keys(addressProblems('10.10.0.0/24', '10.10.0.255'))).toEqual(['gateway:gatewayReserved']);
    expect(keys(addressProblems('10.10.0.0/24', 'gw'))).toEqual(['gateway:gatewayFormat']);
  });

  it("wants a name that is not one of the engine's own", () => {
    expect(keys(nameProblems(''))).toEqual(['name:nameMissing']);
    expect(keys(nameProblems('-x'))).toEqual(['name:nameFormat']);
    expect(keys(nameProblems('my net'))).toEqual(['name:nameFormat']);
    expect(keys(nameProblems('host'))).toEqual(['name:nameBuiltIn']);
    expect(nameProblems('my_net.1')).toEqual([]);
  });

  it('refuses the input with the problem in English at its field', () => {
    const result = NetworkCreateInput.safeParse({ name: 'n', subnet: '10.0.0.1/8' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['subnet', '"10.0.0.1/8" does not start at its network address: for /8 write 10.0.0.0/8.'],
    ]);
    expect(NetworkCreateInput.safeParse({ name: 'n', driver: 'overlay2' }).success).toBe(false);
    expect(
      NetworkCreateInput.safeParse({
        name: 'n',
        driver: 'macvlan',
        subnet: '192.168.5.0/24',
        gateway: '192.168.5.1',
        internal: true,
        labels: { a: 'b' },
      }).success,
    ).toBe(true);
  });
});

describe('connecting a container', () => {
  it('checks aliases and the address', () => {
    expect(
      NetworkConnectInput.safeParse({ network: 'n', container: 'c', aliases: ['db', 'cache.local'], ipv4: '10.0.0.5' })
        .success,
    ).toBe(true);
    const bad = NetworkConnectInput.safeParse({ network: 'n', container: 'c', aliases: ['two words'], ipv4: '10.0.0' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['aliases', 'ipv4']);
  });
});
