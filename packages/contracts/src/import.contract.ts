import { STRUCTURE_SHEET_NAMES } from '@esep/domain';
import { z } from 'zod';

/** Sheets of the structure workbook, in the order they are read (parents before children); the domain's layout names them. */
export const STRUCTURE_SHEETS = STRUCTURE_SHEET_NAMES;
export type StructureSheet = (typeof STRUCTURE_SHEETS)[number];

/**
 * One refused row: `row` is the spreadsheet row (header = 1; 0 = the sheet or file as a whole),
 * `code` a reason of IMPORT_REASONS, `params` what the message names (value, row, column…).
 */
export const ImportRowError = z.object({
  sheet: z.string(), row: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
}).meta({ id: 'ImportRowError' });

export const ImportReport = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  counts: z.record(z.string(), z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })),
  errors: z.array(ImportRowError),
}).meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
}).strict();

export const ExportQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  sheet: z.enum(STRUCTURE_SHEETS).optional(),
}).strict();
