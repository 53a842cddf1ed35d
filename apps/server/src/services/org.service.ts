import {
  atuById, containerPath, districtDetail, districtPath, listAtus, listDistricts, listPoints, listRegions, listStaff, listUnits,
  orgTree, pointById, regionById, servingStaff, staffById, staffPath, unitById, districtAssignments, type DistrictFilter,
  type PageRequest, type StaffFilter,
} from '@esep/db';
import { abilities, type Resource, type TerritoryPath } from '@esep/domain';
import { requireActor, type ServiceContext } from './context.ts';

/** Read use cases of the organisation browser; lists are scoped in the repositories. */

const withAbilities = <T extends object>(ctx: ServiceContext, resource: Resource, path: TerritoryPath, record: T) =>
  ({ ...record, abilities: abilities(requireActor(ctx), { resource, path }) });

export const orgService = {
  tree: (ctx: ServiceContext) => orgTree(ctx.db, requireActor(ctx).scope),

  async regions(ctx: ServiceContext, request: PageRequest & { q?: string | undefined }) {
    const page = await listRegions(ctx.db, requireActor(ctx).scope, request);
    return { ...page, items: page.items.map((r) => withAbilities(ctx, 'region', { regionId: r.id }, r)) };
  },
  async region(ctx: ServiceContext, id: string) {
    const r = await regionById(ctx.db, id);
    return r && withAbilities(ctx, 'region', { regionId: r.id }, r);
  },
  async units(ctx: ServiceContext, request: PageRequest & { q?: string | undefined; regionId?: string | undefined }) {
    const page = await listUnits(ctx.db, requireActor(ctx).scope, request);
    return { ...page, items: page.items.map((u) => withAbilities(ctx, 'unit', { regionId: u.region.id, unitId: u.id }, u)) };
  },
  async unit(ctx: ServiceContext, id: string) {
    const u = await unitById(ctx.db, id);
    return u && withAbilities(ctx, 'unit', { regionId: u.region.id, unitId: u.id }, u);
  },
  async points(ctx: ServiceContext, request: PageRequest & { q?: string | undefined; unitId?: string | undefined }) {
    const page = await listPoints(ctx.db, requireActor(ctx).scope, request);
    return { ...page, items: page.items.map((p) => withAbilities(ctx, 'point', { regionId: p.region.id, unitId: p.unit.id, pointId: p.id }, p)) };
  },
  async point(ctx: ServiceContext, id: string) {
    const p = await pointById(ctx.db, id);
    return p && withAbilities(ctx, 'point', { regionId: p.region.id, unitId: p.unit.id, pointId: p.id }, p);
  },
  async atus(ctx: ServiceContext, request: PageRequest & { q?: string | undefined }) {
    const page = await listAtus(ctx.db, requireActor(ctx).scope, request);
    return { ...page, items: page.items.map((a) => withAbilities(ctx, 'atu', { regionId: a.region.id, atuIds: [a.id] }, a)) };
  },
  async atu(ctx: ServiceContext, id: string) {
    const a = await atuById(ctx.db, id);
    const path = a && (await containerPath(ctx.db, 'atu', id));
    return a && path && withAbilities(ctx, 'atu', path, a);
  },
  districts: (ctx: ServiceContext, filter: DistrictFilter, request: PageRequest) =>
    listDistricts(ctx.db, requireActor(ctx).scope, filter, request, ctx.today),
  async district(ctx: ServiceContext, id: string) {
    const [detail, path] = await Promise.all([districtDetail(ctx.db, id, ctx.today), districtPath(ctx.db, id)]);
    return detail && path && withAbilities(ctx, 'district', path, detail);
  },
  districtAssignments: (ctx: ServiceContext, id: string) => districtAssignments(ctx.db, id),
  /** who served the district on a date — from the kept assignment history. */
  async servedBy(ctx: ServiceContext, id: string, date: string) {
    const rows = await servingStaff(ctx.db, [id], date);
    return {
      date,
      inspector: rows.find((r) => r.role === 'inspector')?.staff ?? null,
      assistants: rows.filter((r) => r.role === 'assistant').map((r) => r.staff),
    };
  },
  async staff(ctx: ServiceContext, filter: StaffFilter, request: PageRequest) {
    const page = await listStaff(ctx.db, requireActor(ctx).scope, filter, request);
    return { ...page, items: page.items.map((s) => withAbilities(ctx, 'staff', staffPath(s), s)) };
  },
  async staffMember(ctx: ServiceContext, id: string) {
    const s = await staffById(ctx.db, id);
    return s && withAbilities(ctx, 'staff', staffPath(s), s);
  },
};
