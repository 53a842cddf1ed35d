import type { AssignmentRole } from './assignment.ts';
import type { Parity, StreetKind } from './coverage.ts';
import type { PoliceRank, StaffPosition } from './staff.titles.ts';

/**
 * The whole organisational structure of one or more regions, keyed by external codes. It is
 * what an XLSX/CSV import produces and what the demo region is made of; applying it again with
 * the same codes changes nothing (idempotent re-import).
 */
export interface StructureData {
  regions: Array<{ code: string; kind: 'oblast' | 'city_republican' | 'capital'; nameKk: string; nameRu: string }>;
  units: Array<{ code: string; regionCode: string; kind: 'district_department' | 'city_department' | 'city_district_department'; nameKk: string; nameRu: string }>;
  points: Array<{
    code: string; unitCode: string; nameKk: string; nameRu: string; address: string | null;
    /** Issue 13: public phone and reception hours (district page); absent = not given. */
    phone?: string | null; receptionHoursKk?: string | null; receptionHoursRu?: string | null;
  }>;
  atus: Array<{
    code: string; regionCode: string; parentCode: string | null;
    kind: 'district' | 'city_district_significance' | 'village' | 'settlement' | 'rural_district' | 'city_district';
    nameKk: string; nameRu: string; akimName: string | null;
    akimatNameKk: string | null; akimatNameRu: string | null; maslikhatNameKk: string | null; maslikhatNameRu: string | null;
  }>;
  districts: Array<{ code: string; pointCode: string; atuCode: string; nameKk: string; nameRu: string; population: number | null }>;
  adjacency: Array<{ districtCode: string; adjacentCode: string }>;
  coverage: Array<{
    districtCode: string; streetKind: StreetKind; streetNameKk: string; streetNameRu: string;
    houseFrom: number | null; houseTo: number | null; parity: Parity;
    /** Issue 13: the building's 16-digit address register code (RCA), for a one-house line. */
    rca?: string | null;
  }>;
  staff: Array<{
    code: string; fullName: string; position: StaffPosition;
    /** A code of the police ranks (staff.titles.ts); the import also takes its labels. */
    rank: PoliceRank | null; unitCode: string; pointCode: string | null;
    /** Recorded when given; absent or null keeps the stored IIN. */
    iin?: string | null;
  }>;
  assignments: Array<{ districtCode: string; staffCode: string; role: AssignmentRole; from: string; to: string | null }>;
}

export const emptyStructure = (): StructureData => ({
  regions: [], units: [], points: [], atus: [], districts: [], adjacency: [], coverage: [], staff: [], assignments: [],
});
