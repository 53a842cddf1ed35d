// The strings of the signed-in pages in one chunk per language (see ../index.ts): the login page
// needs only ./login.kk.ts, and the rest arrives with the app's frame after login.
import core from './kk.json?raw';

/**
 * The whole `translation` namespace. Read as text, so that ./kk.json stays a module of its own
 * for ./login.kk.ts, whose chunk then holds only the keys it exports.
 */
export const translation: Record<string, unknown> = JSON.parse(core) as Record<string, unknown>;
export { default as meetings } from './meetings.kk.json';
export { default as live } from './live.kk.json';
export { default as report } from './report.kk.json';
export { default as followup } from './followup.kk.json';
export { default as protocol } from './protocol.kk.json';
export { default as late } from './late.kk.json';
export { default as notifications } from './notifications.kk.json';
export { default as analytics } from './analytics.kk.json';
