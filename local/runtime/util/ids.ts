/** `util.autoId/autoUlid/autoKsuid` (AWS AppSync Developer Guide, "Built-in utilities"). */
import { randomBytes, randomUUID } from 'node:crypto';

/** Random UUID v4, lowercase with hyphens. */
export function autoId(): string {
  return randomUUID();
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID: 48-bit millisecond timestamp (10 chars) + 80 random bits (16 chars), Crockford base32. */
export function autoUlid(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i += 1) {
    time = (CROCKFORD[t % 32] as string) + time;
    t = Math.floor(t / 32);
  }
  const rand = randomBytes(10);
  let bits = 0n;
  for (const b of rand) bits = (bits << 8n) | BigInt(b);
  let random = '';
  for (let i = 0; i < 16; i += 1) {
    random = (CROCKFORD[Number(bits & 31n)] as string) + random;
    bits >>= 5n;
  }
  return time + random;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID epoch: 2014-05-13T16:53:20Z (segmentio/ksuid). */
const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** KSUID: 32-bit seconds since the KSUID epoch + 128 random bits, base62, left-padded to 27 chars. */
export function autoKsuid(now: number = Date.now()): string {
  const bytes = Buffer.alloc(20);
  bytes.writeUInt32BE((Math.floor(now / 1000) - KSUID_EPOCH_SECONDS) >>> 0, 0);
  randomBytes(16).copy(bytes, 4);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = (BASE62[Number(n % 62n)] as string) + out;
    n /= 62n;
  }
  return out.padStart(27, '0');
}
