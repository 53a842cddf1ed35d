import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Content-addressed files under DATA_DIR/files: the name is the SHA-256 of the bytes plus the
 * type's extension, so a file cannot be swapped unnoticed and the same scan is stored once.
 * Written to a temporary name and renamed, so a crash never leaves half a file under a real name.
 */
export const PROOF_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' } as const;
export type ProofType = keyof typeof PROOF_TYPES;

/** The type by the file's first bytes, not by what the client claims. */
export function sniffType(bytes: Buffer): ProofType | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export async function storeFile(dataDir: string, bytes: Buffer, type: ProofType): Promise<string> {
  const dir = join(dataDir, 'files');
  await mkdir(dir, { recursive: true });
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${PROOF_TYPES[type]}`;
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  await writeFile(temp, bytes);
  await rename(temp, join(dir, name));
  return name;
}

export async function readStoredFile(dataDir: string, name: string): Promise<{ bytes: Buffer; type: ProofType }> {
  if (!/^[0-9a-f]{64}\.(png|jpg|pdf)$/.test(name)) throw new Error('bad stored file name');
  const ext = name.split('.')[1];
  const type = (Object.entries(PROOF_TYPES).find(([, e]) => e === ext)![0]) as ProofType;
  return { bytes: await readFile(join(dataDir, 'files', name)), type };
}
