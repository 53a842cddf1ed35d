import { importMessage, STRUCTURE_SHEETS, type ImportReport, type Locale } from '@esep/contracts';
import { applyStructure, knownStructure } from '@esep/db';
import { referencedCodes, uploadedIins, validateStructure, type StructureRowError } from '@esep/domain';
import { AppError } from '../http/app-error.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { parseUploads, type UploadedFile } from './structure.parse.ts';

/**
 * Import of a region's organisational structure from XLSX or CSV (layout:
 * packages/domain/src/org/structure.layout.ts): parse → look up the referenced codes → validate
 * every row → write all of it in one transaction with one audit entry, or nothing at all.
 *
 * A dry run goes through the same upsert and rolls it back, so its counts (created / updated /
 * unchanged per sheet) are exactly what the real run would do. Refused uploads change nothing
 * and list one error per bad cell or row, in the request's language.
 */

/** Enough to fix a file; the rest of a badly broken file would only bury the first mistakes. */
const MAX_ERRORS = 1000;

export interface ImportOptions { dryRun: boolean; locale: Locale }

/** Carries a dry run's report out of its transaction, which is then rolled back. */
class DryRun { constructor(readonly report: ImportReport) {} }

const zeroCounts = () => Object.fromEntries(STRUCTURE_SHEETS.map((s) => [s, { created: 0, updated: 0, unchanged: 0 }]));

export function presentErrors(errors: readonly StructureRowError[], locale: Locale): ImportReport['errors'] {
  const shown = errors.slice(0, MAX_ERRORS).map((e) => ({ ...e, message: importMessage(e.code, e.params, locale) }));
  if (errors.length > MAX_ERRORS) {
    const params = { shown: MAX_ERRORS, total: errors.length };
    shown.push({ sheet: '', row: 0, column: null, code: 'too_many_errors', params, message: importMessage('too_many_errors', params, locale) });
  }
  return shown;
}

export async function importStructure(ctx: ServiceContext, files: readonly UploadedFile[], { dryRun, locale }: ImportOptions): Promise<ImportReport> {
  const sheets = await parseUploads(files);
  const refs = referencedCodes(sheets);
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      // Looked up inside the transaction that writes, so the checks hold for what is written.
      const known = await knownStructure(tx, refs, uploadedIins(sheets));
      const { data, errors } = validateStructure(sheets, known);
      if (errors.length > 0) {
        const report: ImportReport = { dryRun, applied: false, counts: zeroCounts(), errors: presentErrors(errors, locale) };
        if (dryRun) throw new DryRun(report);
        throw new AppError('import_invalid', report);
      }
      const counts = await applyStructure(tx, data);
      if (dryRun) throw new DryRun({ dryRun, applied: false, counts, errors: [] });
      // The audit keeps what changed in numbers, not the file (it holds staff names and IINs).
      // Whose IIN the import set (R-32.1 binds signatures to it), by staff code — never the number.
      const iinRecordedFor = data.staff.filter((m) => m.iin && known.staffByIin?.get(m.iin) !== m.code).map((m) => m.code);
      await audit({
        action: 'structure.import', entityType: 'structure', entityId: null,
        after: { files: files.map((f) => f.filename), sheets: [...new Set(sheets.map((s) => s.name))], counts, ...(iinRecordedFor.length ? { iinRecordedFor } : {}) },
      });
      return { dryRun, applied: true, counts, errors: [] };
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}
