/** The API's shapes, inferred from the zod schemas shared with the server. */
import type * as c from '@esep/contracts';
import type { z } from 'zod';

export type SessionResponse = z.infer<typeof c.SessionResponse>;
export type SessionUser = z.infer<typeof c.SessionUser>;
export type Role = SessionUser['role'];
export type Locale = SessionUser['locale'];
export type OidcConfig = z.infer<typeof c.OidcConfigResponse>;
export type PasswordChangeBody = z.infer<typeof c.PasswordChangeBody>;
export type Abilities = z.infer<typeof c.Abilities>;

export type OrgTree = z.infer<typeof c.OrgTree>;
export type TreeRegion = OrgTree['regions'][number];
export type TreeUnit = TreeRegion['units'][number];
export type TreePoint = TreeUnit['points'][number];
export type TreeDistrict = TreePoint['districts'][number];

export type DistrictSummary = z.infer<typeof c.DistrictSummary>;
export type DistrictPage = z.infer<typeof c.DistrictPage>;
export type DistrictDetail = z.infer<typeof c.DistrictDetail>;
export type DistrictUpdateBody = z.infer<typeof c.DistrictUpdateBody>;
export type CoverageLine = z.infer<typeof c.CoverageLine>;
export type Assignment = z.infer<typeof c.Assignment>;
export type ServedBy = z.infer<typeof c.ServedBy>;
export type StaffRef = z.infer<typeof c.StaffRef>;

export type ImportReport = z.infer<typeof c.ImportReport>;
export type ImportRowError = z.infer<typeof c.ImportRowError>;
export type StructureSheet = c.StructureSheet;

export type AuditEntry = z.infer<typeof c.AuditEntry>;
export type AuditPage = z.infer<typeof c.AuditPage>;
export type AssignmentCreateBody = z.input<typeof c.AssignmentCreateBody>;
export type AssignmentRole = Assignment['role'];
export type Staff = z.infer<typeof c.Staff>;
export type StaffPage = z.infer<typeof c.StaffPage>;
export type StaffPosition = Staff['position'];

export type Region = z.infer<typeof c.Region>;
export type Unit = z.infer<typeof c.Unit>;
export type Point = z.infer<typeof c.Point>;
export type Atu = z.infer<typeof c.Atu>;
export type RegionPage = z.infer<typeof c.RegionPage>;
export type UnitPage = z.infer<typeof c.UnitPage>;
export type PointPage = z.infer<typeof c.PointPage>;
export type AtuPage = z.infer<typeof c.AtuPage>;

export type User = z.infer<typeof c.User>;
export type UserPage = z.infer<typeof c.UserPage>;
export type UserCreateBody = z.input<typeof c.UserCreateBody>;
