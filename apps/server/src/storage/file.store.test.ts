import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeFile } from './file.store.ts';

const dir = mkdtempSync(join(tmpdir(), 'esep-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('storeFile', () => {
  it('stores identical bytes written at the same moment once, each write under its own temporary name', async () => {
    const bytes = Buffer.from(`%PDF-1.4\n% ${crypto.randomUUID()}\n%%EOF\n`);
    const names = await Promise.all(Array.from({ length: 20 }, () => storeFile(dir, bytes, 'application/pdf')));
    expect(new Set(names).size).toBe(1);
    expect(readdirSync(join(dir, 'files'))).toEqual([names[0]]);
    expect(readFileSync(join(dir, 'files', names[0]!)).equals(bytes)).toBe(true);
  });
});
