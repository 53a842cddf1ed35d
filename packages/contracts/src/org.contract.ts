import { POLICE_RANK_CODES, STAFF_POSITION_CODES } from '@esep/domain';
import { z } from 'zod';
import { Abilities } from './access.contract.ts';
import { IsoDate, listQuery, page } from './list.contract.ts';
import { Text } from './text.contract.ts';

export const REGION_KINDS = ['oblast', 'city_republican', 'capital'] as const;
export const UNIT_KINDS = ['district_department', 'city_department', 'city_district_department'] as const;
export const ATU_KINDS = ['district', 'city_district_significance', 'village', 'settlement', 'rural_district', 'city_district'] as const;
export const STREET_KIND_VALUES = [
  'street', 'avenue', 'microdistrict', 'lane', 'boulevard', 'highway', 'square', 'embankment', 'passage', 'residential_area',
] as const;
export const PARITY_VALUES = ['all', 'odd', 'even'] as const;
/** Issue 14: positions and police ranks are codes; their kk/ru/en labels are the domain's (staff.titles.ts). */
export const STAFF_POSITIONS = STAFF_POSITION_CODES;
export const POLICE_RANKS = POLICE_RANK_CODES;

const Names = { nameKk: z.string(), nameRu: z.string() };
const Ref = z.object({ id: z.uuid(), code: z.string(), ...Names });

export const Region = z.object({
  id: z.uuid(), code: z.string(), kind: z.enum(REGION_KINDS), ...Names, abilities: Abilities,
}).meta({ id: 'Region' });

export const Unit = z.object({
  id: z.uuid(), code: z.string(), kind: z.enum(UNIT_KINDS), ...Names,
  region: Ref, abilities: Abilities,
}).meta({ id: 'Unit' });

export const Point = z.object({
  id: z.uuid(), code: z.string(), ...Names, address: z.string().nullable(),
  unit: Ref, region: Ref, lead: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  abilities: Abilities,
}).meta({ id: 'Point' });

export const Atu = z.object({
  id: z.uuid(), code: z.string(), kind: z.enum(ATU_KINDS), ...Names,
  parent: Ref.nullable(), region: Ref,
  akimName: z.string().nullable(),
  akimatNameKk: z.string().nullable(), akimatNameRu: z.string().nullable(),
  maslikhatNameKk: z.string().nullable(), maslikhatNameRu: z.string().nullable(),
  abilities: Abilities,
}).meta({ id: 'Atu' });

export const StaffRef = z.object({ id: z.uuid(), code: z.string(), fullName: z.string() });

export const DistrictSummary = z.object({
  id: z.uuid(), code: z.string(), ...Names, population: z.number().int().nullable(),
  point: Ref, unit: Ref, atu: Ref, inspector: StaffRef.nullable(),
}).meta({ id: 'DistrictSummary' });

export const CoverageLine = z.object({
  id: z.uuid(),
  streetKind: z.enum(STREET_KIND_VALUES),
  streetNameKk: z.string(), streetNameRu: z.string(),
  houseFrom: z.number().int().nullable(), houseTo: z.number().int().nullable(),
  parity: z.enum(PARITY_VALUES),
}).meta({ id: 'CoverageLine' });

export const Assignment = z.object({
  id: z.uuid(), districtId: z.uuid(), staff: StaffRef, role: z.enum(['inspector', 'assistant']),
  from: IsoDate, to: IsoDate.nullable(),
}).meta({ id: 'Assignment' });

export const DistrictDetail = DistrictSummary.extend({
  region: Ref,
  atuDetail: Atu.omit({ abilities: true }),
  adjacent: z.array(Ref),
  coverage: z.array(CoverageLine),
  assistants: z.array(StaffRef),
  abilities: Abilities,
}).meta({ id: 'DistrictDetail' });

export const DistrictListQuery = listQuery(['code', 'nameRu', 'nameKk', 'population']).extend({
  regionId: z.uuid().optional(), unitId: z.uuid().optional(), pointId: z.uuid().optional(), atuId: z.uuid().optional(),
}).strict();
export const DistrictPage = page(DistrictSummary).meta({ id: 'DistrictPage' });

export const DistrictUpdateBody = z.object({
  nameKk: Text(200).optional(),
  nameRu: Text(200).optional(),
  population: z.number().int().min(0).max(10_000_000).nullable().optional(),
}).strict().meta({ id: 'DistrictUpdate' });

export const ServedByQuery = z.object({ date: IsoDate }).strict();
export const ServedBy = z.object({
  date: IsoDate, inspector: StaffRef.nullable(), assistants: z.array(StaffRef),
}).meta({ id: 'ServedBy' });

export const AssignmentCreateBody = z.object({
  districtId: z.uuid(), staffId: z.uuid(), role: z.enum(['inspector', 'assistant']),
  from: IsoDate, to: IsoDate.nullable().optional(),
}).strict().meta({ id: 'AssignmentCreate' });
export const AssignmentEndBody = z.object({ to: IsoDate }).strict().meta({ id: 'AssignmentEnd' });

export const Staff = z.object({
  id: z.uuid(), code: z.string(), fullName: z.string(), position: z.enum(STAFF_POSITIONS),
  rank: z.enum(POLICE_RANKS).nullable(), unit: Ref, point: Ref.nullable(), abilities: Abilities,
  /** whether an IIN is recorded (the number itself is never sent). */
  iinRecorded: z.boolean(),
}).meta({ id: 'Staff' });
/** the IIN a qualified signature of the staff member must carry; null forgets it. */
export const StaffIinBody = z.object({ iin: z.string().regex(/^\d{12}$/).nullable() }).strict().meta({ id: 'StaffIin' });
export const StaffListQuery = listQuery(['code', 'fullName', 'position']).extend({
  unitId: z.uuid().optional(), pointId: z.uuid().optional(), position: z.enum(STAFF_POSITIONS).optional(),
}).strict();
export const StaffPage = page(Staff).meta({ id: 'StaffPage' });

const TreeDistrict = z.object({ id: z.uuid(), code: z.string(), ...Names });
const TreePoint = z.object({ id: z.uuid(), code: z.string(), ...Names, districts: z.array(TreeDistrict) });
const TreeUnit = z.object({ id: z.uuid(), code: z.string(), ...Names, points: z.array(TreePoint) });
export const OrgTree = z.object({
  regions: z.array(z.object({ id: z.uuid(), code: z.string(), ...Names, units: z.array(TreeUnit) })),
}).meta({ id: 'OrgTree' });

export const SimpleListQuery = listQuery(['code', 'nameRu', 'nameKk']).strict();
export const RegionPage = page(Region).meta({ id: 'RegionPage' });
export const UnitPage = page(Unit).meta({ id: 'UnitPage' });
export const PointPage = page(Point).meta({ id: 'PointPage' });
export const AtuPage = page(Atu).meta({ id: 'AtuPage' });
