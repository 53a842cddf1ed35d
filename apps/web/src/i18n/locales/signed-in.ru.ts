// The strings of the signed-in pages in one chunk per language (see ../index.ts): the login page
// needs only ./login.ru.ts, and the rest arrives with the app's frame after login.
import core from './ru.json?raw';

/**
 * The whole `translation` namespace. Read as text, so that ./ru.json stays a module of its own
 * for ./login.ru.ts, whose chunk then holds only the keys it exports.
 */
export const translation: Record<string, unknown> = JSON.parse(core) as Record<string, unknown>;
export { default as meetings } from './meetings.ru.json';
export { default as live } from './live.ru.json';
export { default as report } from './report.ru.json';
export { default as followup } from './followup.ru.json';
export { default as protocol } from './protocol.ru.json';
export { default as late } from './late.ru.json';
export { default as notifications } from './notifications.ru.json';
export { default as analytics } from './analytics.ru.json';
