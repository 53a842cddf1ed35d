import type { meetingParts } from '@esep/db';

/**
 * The reporting inspectors of a meeting, each once, with the districts he reports on (a joint
 * meeting's inspector may report on several). Used by the report and the protocol.
 */
export function reportersFrom(parts: Awaited<ReturnType<typeof meetingParts>>) {
  const byStaff = new Map<string, { staffId: string; fullName: string; districtIds: string[]; districtCodes: string[] }>();
  for (const i of parts.inspectors) {
    const entry = byStaff.get(i.id) ?? { staffId: i.id, fullName: i.fullName, districtIds: [], districtCodes: [] };
    entry.districtIds.push(i.districtId);
    const code = parts.districts.find((d) => d.id === i.districtId)?.code;
    if (code) entry.districtCodes.push(code);
    byStaff.set(i.id, entry);
  }
  return [...byStaff.values()];
}
