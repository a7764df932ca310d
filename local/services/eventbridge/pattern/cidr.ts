/**
 * IPv4 and IPv6 addresses and CIDR blocks as bigint ranges, for the `cidr` filter
 * ("Content filtering in Amazon EventBridge event patterns": IP address matching).
 */

export interface IpRange {
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

export interface IpAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): string[] | undefined => {
    if (half === undefined || half === '') return [];
    const parts = half.split(':');
    const last = parts[parts.length - 1] as string;
    if (last.includes('.')) {
      // An embedded IPv4 tail (::ffff:1.2.3.4) stands for two groups.
      const v4 = parseIpv4(last);
      if (v4 === undefined) return undefined;
      parts.splice(parts.length - 1, 1, ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
    }
    return parts.every((p) => /^[0-9a-fA-F]{1,4}$/.test(p)) ? parts : undefined;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses an IPv4 or IPv6 address; `undefined` when `text` is not one. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

/** Parses `a.b.c.d/n` or `x:y::z/n`; throws with the reason EventBridge gives for a bad block. */
export function parseCidr(text: string): IpRange {
  const parts = text.split('/');
  if (parts.length !== 2) throw new Error(`Malformed CIDR, one '/' required`);
  const [addressText, bitsText] = parts as [string, string];
  const address = parseIpAddress(addressText);
  if (!address) throw new Error(`Nonstandard IP address: ${addressText}`);
  const width = address.version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > width) throw new Error(`Malformed CIDR, bad bit count: ${bitsText}`);
  const hostBits = BigInt(width - Number(bitsText));
  const mask = (1n << hostBits) - 1n;
  return { version: address.version, first: address.value & ~mask, last: (address.value & ~mask) | mask };
}

export function ipInRange(ip: IpAddress, range: IpRange): boolean {
  return ip.version === range.version && ip.value >= range.first && ip.value <= range.last;
}
