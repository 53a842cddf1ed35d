/** What bench/address.bench.ts takes from the domain: the search-key folding and a clock. */
export { namesSearchKey, parseAddressQuery } from '@esep/domain';

/** The bench is not a service: it reads the wall clock for its context's "now". */
export const systemClockForBench = { now: () => new Date() };
