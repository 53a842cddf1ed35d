/**
 * Adjacency of administrative districts is symmetric: "A borders B" is stored once as an
 * ordered pair (smaller id first) and read both ways. joint meetings rely on it.
 */
export type AdjacencyPair = readonly [string, string];

export function normalisePair(a: string, b: string): AdjacencyPair {
  return a < b ? [a, b] : [b, a];
}

export function neighbours(pairs: readonly AdjacencyPair[], district: string): string[] {
  const result: string[] = [];
  for (const [a, b] of pairs) {
    if (a === district) result.push(b);
    else if (b === district) result.push(a);
  }
  return result;
}

/**
 * the districts of a joint meeting must form one connected set in the adjacency graph.
 * Returns the first district (in the given order) that cannot be reached from the first one, or
 * null when the set is connected.
 */
export function firstDisconnected(districts: readonly string[], pairs: readonly AdjacencyPair[]): string | null {
  if (districts.length <= 1) return null;
  const members = new Set(districts);
  const seen = new Set<string>([districts[0]!]);
  const queue = [districts[0]!];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of neighbours(pairs, current)) {
      if (members.has(next) && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return districts.find((d) => !seen.has(d)) ?? null;
}
