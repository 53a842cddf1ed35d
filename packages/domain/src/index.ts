export * from './rules/rule.catalog.ts';
export * from './time/almaty.ts';
export * from './access/role.ts';
export * from './access/territory.ts';
export * from './access/policy.ts';
export * from './org/coverage.ts';
export * from './org/adjacency.ts';
export * from './org/assignment.ts';
