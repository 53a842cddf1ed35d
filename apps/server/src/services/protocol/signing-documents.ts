import type { ProtocolContent } from '@esep/contracts';
import { protocolPdf } from '../../documents/protocol.pdf.ts';
import { sha256hex } from './signer.ts';

/*
 * what a signature covers — the protocol's canonical content AND its public PDFs in
 * Kazakh and Russian. The PDFs are rendered from the content alone and the same content gives
 * byte-identical files, so their hashes are known before the first signature: the signing
 * dialog offers them to whoever signs first (the built-in signer and NCALayer alike), and the
 * first signature stores exactly those files.
 */

export interface PublicPdfs { kk: Buffer; ru: Buffer }

export async function publicPdfs(content: ProtocolContent, verifyUrl: string): Promise<PublicPdfs> {
  const options = { verifyUrl, signatures: [], internal: false };
  return { kk: await protocolPdf(content, 'kk', options), ru: await protocolPdf(content, 'ru', options) };
}

// Rendering two PDFs takes a few hundred milliseconds; the draft is read far more often than it
// changes, so the hashes are remembered per content and address (a small, bounded map).
const remembered = new Map<string, { kk: string; ru: string }>();
const REMEMBER = 200;

export async function publicPdfHashes(content: ProtocolContent, contentHash: string, verifyUrl: string): Promise<{ kk: string; ru: string }> {
  const key = `${contentHash}|${verifyUrl}`;
  const known = remembered.get(key);
  if (known) return known;
  const pdfs = await publicPdfs(content, verifyUrl);
  const hashes = { kk: sha256hex(pdfs.kk), ru: sha256hex(pdfs.ru) };
  if (remembered.size >= REMEMBER) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, hashes);
  return hashes;
}
