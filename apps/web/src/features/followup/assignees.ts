/** A staff member as the reassignment needs him. */
export interface AssigneeCandidate { id: string; fullName: string }

/**
 * whom the point lead may hand a check to — the inspectors of the meeting's police
 * point and the meeting's own reporting inspectors (an acting one may come from another point),
 * each once, by name; the current assignee is not offered again.
 */
export function assigneeOptions(
  pointInspectors: readonly AssigneeCandidate[],
  meetingInspectors: readonly AssigneeCandidate[],
  currentId: string | null,
  locale = 'kk',
): Array<{ value: string; label: string }> {
  const byId = new Map<string, AssigneeCandidate>();
  for (const person of [...meetingInspectors, ...pointInspectors]) if (!byId.has(person.id)) byId.set(person.id, person);
  byId.delete(currentId ?? '');
  const collator = new Intl.Collator(locale);
  return [...byId.values()]
    .sort((a, b) => collator.compare(a.fullName, b.fullName) || a.id.localeCompare(b.id))
    .map((person) => ({ value: person.id, label: person.fullName }));
}
