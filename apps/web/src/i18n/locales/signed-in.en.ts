// The strings of the signed-in pages in one chunk per language (see ../index.ts): the login page
// needs only ./login.en.ts, and the rest arrives with the app's frame after login.
import core from './en.json?raw';

/**
 * The whole `translation` namespace. Read as text, so that ./en.json stays a module of its own
 * for ./login.en.ts, whose chunk then holds only the keys it exports.
 */
export const translation: Record<string, unknown> = JSON.parse(core) as Record<string, unknown>;
export { default as meetings } from './meetings.en.json';
export { default as live } from './live.en.json';
export { default as report } from './report.en.json';
export { default as followup } from './followup.en.json';
export { default as protocol } from './protocol.en.json';
export { default as late } from './late.en.json';
export { default as notifications } from './notifications.en.json';
export { default as analytics } from './analytics.en.json';
