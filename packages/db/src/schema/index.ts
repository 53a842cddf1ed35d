export * from './org.schema.ts';
export * from './staff.schema.ts';
export * from './account.schema.ts';
export * from './audit.schema.ts';
export * from './meeting.schema.ts';
export * from './holding.schema.ts';
export * from './protocol.schema.ts';
export * from './rate-limit.schema.ts';
