import { api, apiUrl, isApiError } from '../../app/api.ts';
import type { ImportReport, StructureSheet } from '../../app/types.ts';

/** Sheets of the structure workbook, in the server's order (contracts STRUCTURE_SHEETS). */
export const SHEETS = [
  'regions', 'units', 'points', 'atus', 'districts', 'adjacency', 'coverage', 'staff', 'assignments',
] as const satisfies readonly StructureSheet[];

export function isSheet(value: string): value is StructureSheet {
  return (SHEETS as readonly string[]).includes(value);
}

/** Sends the files; a dry run only checks them. */
export function uploadStructure(files: readonly File[], dryRun: boolean): Promise<ImportReport> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return api.post<ImportReport>('/imports/structure', form, { dryRun });
}

/** The report carried by a 422 `import_invalid` answer, if that is what the error is. */
export function reportOfError(error: unknown): ImportReport | null {
  if (!isApiError(error) || error.code !== 'import_invalid') return null;
  const details = error.details as Partial<ImportReport> | undefined;
  if (!details || !Array.isArray(details.errors)) return null;
  return { dryRun: details.dryRun ?? true, applied: false, counts: details.counts ?? {}, errors: details.errors };
}

export const exportUrls = {
  workbook: apiUrl('/exports/structure', { format: 'xlsx' }),
  sheet: (sheet: StructureSheet) => apiUrl('/exports/structure', { format: 'csv', sheet }),
  template: apiUrl('/exports/structure/template'),
};
