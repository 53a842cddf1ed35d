/**
 * The protocol of a meeting entered after the fact says so — when, by whom, why and who
 * confirmed it — in Kazakh and Russian, in the PDF and the DOCX alike; any other
 * protocol has no such line. PDFs are read with poppler-utils (pdftotext).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import type { ProtocolContent } from '@esep/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { protocolFixture, VERIFY_URL } from '../../test/protocol.fixture.ts';
import { protocolDocx } from './protocol.docx.ts';
import { protocolModel } from './protocol.labels.ts';
import { protocolPdf } from './protocol.pdf.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'esep-late-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LEAD = 'Сейітов Қайрат Болатұлы';
const REASON = 'Ауылда интернет болмады, тізілім қағазға жазылды';
const late: ProtocolContent = {
  ...protocolFixture,
  lateEntry: {
    // Entered on 22 December, confirmed on 23 December (Almaty dates).
    enteredAt: '2026-12-22T05:10:00.000Z', enteredBy: 'Әбдіғалиев Нұрлан Қайратұлы', reason: REASON,
    confirmedAt: '2026-12-23T04:00:00.000Z', confirmedBy: LEAD,
  },
};
const copy = { verifyUrl: VERIFY_URL, signatures: [], internal: false };
const factOf = (content: ProtocolContent, lang: 'kk' | 'ru') => Object.fromEntries(protocolModel(content, lang, copy).facts);

/** The text of a DOCX's main part (a zip entry, deflated or stored), tags removed. */
function docxText(docx: Buffer): string {
  const eocd = docx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = docx.readUInt32LE(eocd + 16);
  for (let n = docx.readUInt16LE(eocd + 10); n > 0; n -= 1) {
    const method = docx.readUInt16LE(at + 10);
    const size = docx.readUInt32LE(at + 20);
    const nameLength = docx.readUInt16LE(at + 28);
    const skip = nameLength + docx.readUInt16LE(at + 30) + docx.readUInt16LE(at + 32);
    const name = docx.subarray(at + 46, at + 46 + nameLength).toString();
    if (name === 'word/document.xml') {
      const local = docx.readUInt32LE(at + 42);
      const start = local + 30 + docx.readUInt16LE(local + 26) + docx.readUInt16LE(local + 28);
      const data = docx.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8').replace(/<[^>]+>/g, '');
    }
    at += 46 + skip;
  }
  throw new Error('no word/document.xml');
}

describe('protocol of a meeting entered after the fact', () => {
  it('states when and why it was entered and who confirmed it, in kk and ru', () => {
    expect(factOf(late, 'ru')['Внесение после проведения']).toBe(
      `Внесена после проведения 22 декабря 2026 года (Әбдіғалиев Нұрлан Қайратұлы); причина: ${REASON}. Подтверждено: ${LEAD}, 23 декабря 2026 года.`,
    );
    expect(factOf(late, 'kk')['Кейін енгізу']).toBe(
      `Кездесу өткеннен кейін 2026 жылғы 22 желтоқсан енгізілді (Әбдіғалиев Нұрлан Қайратұлы); себебі: ${REASON}. Растаған: ${LEAD}, 2026 жылғы 23 желтоқсан.`,
    );
  });
  it('says when it is not confirmed yet, and says nothing for an ordinary meeting', () => {
    const pending = { ...late, lateEntry: { ...late.lateEntry!, confirmedAt: null, confirmedBy: null } };
    expect(factOf(pending, 'ru')['Внесение после проведения']).toContain('Ещё не подтверждено.');
    expect(factOf(protocolFixture, 'ru')['Внесение после проведения']).toBeUndefined();
    expect(JSON.stringify(protocolModel(protocolFixture, 'kk', copy))).not.toContain('Кейін енгізу');
  });
  it('prints the line in the PDF and the DOCX', { timeout: 60_000 }, async () => {
    const file = join(dir, 'late-ru.pdf');
    writeFileSync(file, await protocolPdf(late, 'ru', copy));
    const pdf = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(pdf).toContain('Внесение после проведения');
    expect(pdf).toContain(`Подтверждено: ${LEAD}`);
    const docx = docxText(await protocolDocx(late, 'kk', copy));
    expect(docx).toContain('Кейін енгізу');
    expect(docx).toContain(`Растаған: ${LEAD}`);
    expect(docx).toContain(REASON);
  });
});
