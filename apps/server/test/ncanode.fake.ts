import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Test doubles for Kazakhstan's qualified signature, built on the `openssl` CLI:
 *
 * - `makeTestPki()` — a throw-away CA and a signer certificate shaped like a Kazakh personal one
 *   (subject `serialNumber=IIN…`), and CMS signing with it (what NCALayer does with a real key).
 * - `startNcaNodeFake()` — an HTTP server answering NCANode v3's `POST /cms/verify`
 *   (`{ cms, data?, revocationCheck }` → `{ status, message, valid, signers: [{ certificates: [{ valid,
 *   serialNumber, subject: { commonName, iin, dn } }] }] }`) by really verifying the CMS with
 *   `openssl cms -verify` against the test CA (and the detached `data` when the CMS has none).
 *
 * With `revocationCheck: ["OCSP"]` the signer's certificate is checked by real OCSP messages:
 * a request built by `openssl ocsp`, answered by `openssl ocsp` as the test CA's responder from
 * its index (`pki.revoke()` marks the certificate revoked there), and the response verified; the
 * answer carries NCANode's `revocations: [{ revoked, by, revocationTime, reason }]`.
 *
 * Limitations: OCSP is answered locally (no HTTP responder), no CRL, no TSP, ECDSA P-256 instead
 * of the GOST/RSA keys of the real National Certification Authority; the certificate chain is
 * trusted only because the fake holds the test CA. A real deployment points ESEP_NCANODE_URL at an
 * NCANode v3 instance that trusts the NCA RK root and intermediate certificates and has OCSP
 * access (http://ocsp.pki.gov.kz).
 */

export interface TestPki {
  dir: string;
  iin: string;
  /** CMS (DER) over the data: detached by default, attached with `attached`. */
  sign(data: Buffer, options?: { attached?: boolean }): Buffer;
  /** Marks the signer's certificate revoked in the CA's OCSP index (now, key compromise). */
  revoke(): void;
  /** Puts the certificate back in good standing. */
  reinstate(): void;
  cleanup(): void;
}

export const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export function makeTestPki(iin = '880101300123'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'esep-pki-'));
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=Test NCA RK/C=KZ'], dir);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'user.key', '-out', 'user.csr', '-utf8',
    '-subj', `/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN${iin}/C=KZ`], dir);
  writeFileSync(join(dir, 'ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\n');
  openssl(['x509', '-req', '-in', 'user.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'user.pem', '-days', '30', '-extfile', 'ext.cnf'], dir);
  // The CA's index as `openssl ca` keeps it: status, expiry, revocation, serial, file, subject.
  const serial = /serial=(\w+)/.exec(openssl(['x509', '-in', 'user.pem', '-noout', '-serial'], dir).toString())![1]!;
  const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  const expiry = stamp(new Date(Date.now() + 30 * 86_400_000));
  const index = (revoked: string) => writeFileSync(join(dir, 'index.txt'), `${revoked ? 'R' : 'V'}\t${expiry}\t${revoked}\t${serial}\tunknown\t/CN=user\n`);
  index('');
  let n = 0;
  return {
    dir, iin,
    revoke() { index(`${stamp(new Date())},keyCompromise`); },
    reinstate() { index(''); },
    sign(data, options = {}) {
      n += 1;
      writeFileSync(join(dir, `in${n}.bin`), data);
      openssl(['cms', '-sign', '-binary', ...(options.attached ? ['-nodetach'] : []), '-in', `in${n}.bin`, '-signer', 'user.pem', '-inkey', 'user.key',
        '-outform', 'DER', '-md', 'sha256', '-out', `out${n}.der`], dir);
      return readFileSync(join(dir, `out${n}.der`));
    },
    cleanup() { rmSync(dir, { recursive: true, force: true }); },
  };
}

export interface NcaNodeFake {
  url: string;
  /** Every request body received. */
  requests: Array<{ cms: string; data?: string; revocationCheck?: string[] }>;
  /** Answer `valid: false` whatever comes (a revoked certificate, say). */
  forceInvalid: boolean;
  close(): Promise<void>;
}

export async function startNcaNodeFake(pki: TestPki): Promise<NcaNodeFake> {
  let n = 0;
  const fake: NcaNodeFake = { url: '', requests: [], forceInvalid: false, close: async () => {} };
  const verify = (body: { cms: string; data?: string; revocationCheck?: string[] }) => {
    n += 1;
    const cmsFile = `v${n}.der`;
    writeFileSync(join(pki.dir, cmsFile), Buffer.from(body.cms, 'base64'));
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-CAfile', 'ca.pem', '-purpose', 'any', '-out', `v${n}.out`, '-signer', `v${n}.pem`];
    const attempt = (extra: string[]) => { try { openssl([...args, ...extra], pki.dir); return true; } catch { return false; } };
    // Attached content is verified as it is; a detached CMS against the `data` sent with it.
    let ok = attempt([]);
    if (!ok && body.data) {
      writeFileSync(join(pki.dir, `v${n}.data`), Buffer.from(body.data, 'base64'));
      ok = attempt(['-content', `v${n}.data`]);
    }
    if (!ok) return { status: 200, message: 'OK', valid: false, signers: [] };
    const info = openssl(['x509', '-in', `v${n}.pem`, '-noout', '-subject', '-nameopt', 'RFC2253', '-nameopt', '-esc_msb', '-serial'], pki.dir).toString('utf8');
    const dn = /subject=(.*)/.exec(info)?.[1]?.trim() ?? '';
    const serialNumber = /serial=(\w+)/.exec(info)?.[1] ?? '';
    const iin = /serialNumber=IIN(\d{12})/.exec(dn)?.[1];
    const commonName = /CN=([^,]+)/.exec(dn)?.[1];
    const revocations = body.revocationCheck?.includes('OCSP') ? [ocsp(`v${n}.pem`, n)] : [];
    const valid = !fake.forceInvalid && !revocations.some((r) => r.revoked);
    return { status: 200, message: 'OK', valid, signers: [{ certificates: [{ valid, revocations, serialNumber, subject: { commonName, iin, dn } }] }] };
  };
  /** One OCSP round trip for a certificate the test CA issued: request, response, verified answer. */
  const ocsp = (certFile: string, k: number) => {
    openssl(['ocsp', '-issuer', 'ca.pem', '-cert', certFile, '-no_nonce', '-reqout', `q${k}.der`], pki.dir);
    openssl(['ocsp', '-index', 'index.txt', '-CA', 'ca.pem', '-rsigner', 'ca.pem', '-rkey', 'ca.key', '-ndays', '1', '-reqin', `q${k}.der`, '-respout', `r${k}.der`], pki.dir);
    const text = openssl(['ocsp', '-respin', `r${k}.der`, '-issuer', 'ca.pem', '-cert', certFile, '-CAfile', 'ca.pem', '-no_nonce'], pki.dir).toString('utf8');
    const revoked = text.includes(`${certFile}: revoked`);
    const time = /Revocation Time: (.+)/.exec(text)?.[1];
    return { by: 'OCSP', revoked, revocationTime: time ? new Date(time).toISOString() : null, reason: /Reason: (\w+)/.exec(text)?.[1] ?? null };
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const send = (status: number, body: unknown) => { response.writeHead(status, { 'content-type': 'application/json' }); response.end(JSON.stringify(body)); };
      if (request.method !== 'POST' || request.url !== '/cms/verify') return send(404, { status: 404, message: 'Not found' });
      let body: { cms?: unknown; data?: unknown; revocationCheck?: string[] };
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return send(400, { status: 400, message: 'Bad JSON' }); }
      if (typeof body.cms !== 'string' || !body.cms) return send(400, { status: 400, message: 'cms: must not be empty' });
      fake.requests.push(body as NcaNodeFake['requests'][number]);
      return send(200, verify(body as { cms: string; data?: string; revocationCheck?: string[] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
