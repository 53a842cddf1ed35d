/**
 * The SQL floor of a call (bench/board.bench.ts, bench/national.bench.ts): every statement the
 * call sent, captured through a Drizzle logger, then EXPLAIN ANALYZE'd — the summed time the
 * database itself reports (planning + execution), without the driver, the pool or the server.
 */
import type { Logger } from 'drizzle-orm/logger';

export interface Statement { query: string; params: unknown[] }
/** Runs one statement with its parameters on the database the call used, returning its rows. */
export type Explain = (text: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;
export interface Floor { ms: number; slowest: (Statement & { ms: number }) | null }

/** A Drizzle logger that records statements while `capture` runs its work. */
export function statementCapture() {
  let captured: Statement[] | null = null;
  const logger: Logger = { logQuery: (query, params) => { captured?.push({ query, params }); } };
  return {
    logger,
    async capture(work: () => Promise<unknown>): Promise<Statement[]> {
      captured = [];
      try {
        await work();
        return captured;
      } finally {
        captured = null;
      }
    },
  };
}

/** EXPLAIN ANALYZE of every statement: what the database alone needs for them, summed. */
export async function sqlFloor(explain: Explain, statements: Statement[]): Promise<Floor> {
  let ms = 0;
  let slowest: Floor['slowest'] = null;
  for (const s of statements) {
    const [row] = await explain(`explain (analyze, timing off, format json) ${s.query}`, s.params);
    const plan = (row!['QUERY PLAN'] as Array<{ 'Planning Time': number; 'Execution Time': number }>)[0]!;
    const time = plan['Planning Time'] + plan['Execution Time'];
    ms += time;
    if (!slowest || time > slowest.ms) slowest = { ms: time, ...s };
  }
  return { ms, slowest };
}

/** The least disturbed of `runs` floors: on a shared machine that one is the floor. */
export async function bestSqlFloor(explain: Explain, statements: Statement[], runs = 3): Promise<Floor> {
  const floors: Floor[] = [];
  for (let i = 0; i < runs; i++) floors.push(await sqlFloor(explain, statements));
  return floors.sort((a, b) => a.ms - b.ms)[0]!;
}
