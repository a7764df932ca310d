/**
 * The `--tls` certificate: generated offline on first start, kept in `<state>/tls/`, reused while
 * it covers the host and is not about to expire, its key readable by the owner only.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coveredNames, loadOrCreateCertificate, tlsFiles } from '../../../local/server/tls.js';

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'stockroom-tls-'));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

describe('the local certificate', () => {
  it('is written to <state>/tls/ on first use, self-signed, a CA, with the key for the owner only', async () => {
    const material = await loadOrCreateCertificate(stateDir, '127.0.0.1');
    expect(material).toMatchObject(tlsFiles(stateDir));
    const cert = new X509Certificate(readFileSync(material.certificate));
    expect(cert.ca).toBe(true);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(statSync(material.key).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['::1', true],
    ['example.com', false],
  ])('covers %s: %s', async (name, covered) => {
    const cert = new X509Certificate((await loadOrCreateCertificate(stateDir, '127.0.0.1')).certificatePem);
    const found = isIP(name) ? cert.checkIP(name) : cert.checkHost(name);
    expect(found !== undefined).toBe(covered);
  });

  it('is reused on the next start', async () => {
    const first = await loadOrCreateCertificate(stateDir, '127.0.0.1');
    const second = await loadOrCreateCertificate(stateDir, 'localhost');
    expect(second.certificatePem).toBe(first.certificatePem);
  });

  it('is replaced when the listening host is not covered, and then covers it', async () => {
    const first = await loadOrCreateCertificate(stateDir, '127.0.0.1');
    const second = await loadOrCreateCertificate(stateDir, '10.1.2.3');
    expect(second.certificatePem).not.toBe(first.certificatePem);
    expect(new X509Certificate(second.certificatePem).checkIP('10.1.2.3')).toBe('10.1.2.3');
  });

  it('is replaced a day before it expires', async () => {
    const first = await loadOrCreateCertificate(stateDir, '127.0.0.1');
    const end = Date.parse(new X509Certificate(first.certificatePem).validTo);
    const stillKept = await loadOrCreateCertificate(stateDir, '127.0.0.1', end - 2 * 24 * 3600_000);
    expect(stillKept.certificatePem).toBe(first.certificatePem);
    const renewed = await loadOrCreateCertificate(stateDir, '127.0.0.1', end - 3600_000);
    expect(renewed.certificatePem).not.toBe(first.certificatePem);
  });

  it.each([
    ['127.0.0.1', ['localhost', '127.0.0.1', '::1']],
    ['0.0.0.0', ['localhost', '127.0.0.1', '::1']],
    ['::', ['localhost', '127.0.0.1', '::1']],
    ['stockroom.test', ['localhost', '127.0.0.1', '::1', 'stockroom.test']],
    ['[fd00::1]', ['localhost', '127.0.0.1', '::1', 'fd00::1']],
  ])('for host %s names %j', (host, names) => {
    expect(coveredNames(host)).toEqual(names);
  });
});
