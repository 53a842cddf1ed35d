import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * Content-addressed files under DATA_DIR/files: the name is the SHA-256 of the bytes plus the
 * type's extension, so a file cannot be swapped unnoticed and the same scan is stored once.
 * Written to a temporary name and renamed, so a crash never leaves half a file under a real name.
 * The temporary name is unique to the write: two uploads of the same bytes at once (a double
 * click, a retried request) each write their own and rename onto the same, identical file.
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

/** Attachments of report sources: the proof types plus Word and Excel documents. */
export const ATTACHMENT_TYPES = {
  ...PROOF_TYPES,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/**
 * PNG, JPEG, PDF, or an Office Open XML package: a ZIP whose `[Content_Types].xml` declares a
 * Word document or an Excel workbook. A renamed text file or any other ZIP is refused.
 */
export function sniffAttachmentType(bytes: Buffer): AttachmentType | null {
  const simple = sniffType(bytes);
  if (simple) return simple;
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
  const types = zipEntry(bytes, '[Content_Types].xml')?.toString('utf8') ?? '';
  if (/wordprocessingml\.document\.main\+xml/.test(types) || /PartName="\/word\//.test(types)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (/spreadsheetml\.sheet\.main\+xml/.test(types) || /PartName="\/xl\//.test(types)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** One small entry of a ZIP by name, through the central directory (null when absent or unreadable). */
function zipEntry(zip: Buffer, wanted: string): Buffer | null {
  try {
    // End of central directory: at most 64 KiB of comment after its 22 bytes.
    let eocd = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
      if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) return null;
    const entries = zip.readUInt16LE(eocd + 10);
    let at = zip.readUInt32LE(eocd + 16);
    for (let n = 0; n < entries && at + 46 <= zip.length; n += 1) {
      if (zip.readUInt32LE(at) !== 0x02014b50) return null;
      const method = zip.readUInt16LE(at + 10);
      const compressed = zip.readUInt32LE(at + 20);
      const nameLength = zip.readUInt16LE(at + 28);
      const extra = zip.readUInt16LE(at + 30);
      const comment = zip.readUInt16LE(at + 32);
      const local = zip.readUInt32LE(at + 42);
      const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      if (name === wanted) {
        if (zip.readUInt32LE(local) !== 0x04034b50) return null;
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressed);
        if (method === 0) return data.subarray(0, 1024 * 1024);
        // Capped: a content-types part is a few kilobytes; a bomb stops here.
        return method === 8 ? inflateRawSync(data, { maxOutputLength: 1024 * 1024 }) : null;
      }
      at += 46 + nameLength + extra + comment;
    }
    return null;
  } catch {
    return null;
  }
}

export async function storeFile(dataDir: string, bytes: Buffer, type: ProofType | AttachmentType): Promise<string> {
  const dir = join(dataDir, 'files');
  await mkdir(dir, { recursive: true });
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${ATTACHMENT_TYPES[type]}`;
  const temp = join(dir, `.${name}.${randomUUID()}.tmp`);
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

/** A stored attachment of any ATTACHMENT_TYPES type. */
export async function readStoredAttachment(dataDir: string, name: string): Promise<{ bytes: Buffer; type: AttachmentType }> {
  if (!/^[0-9a-f]{64}\.(png|jpg|pdf|docx|xlsx)$/.test(name)) throw new Error('bad stored file name');
  const ext = name.split('.')[1];
  const type = (Object.entries(ATTACHMENT_TYPES).find(([, e]) => e === ext)![0]) as AttachmentType;
  return { bytes: await readFile(join(dataDir, 'files', name)), type };
}
