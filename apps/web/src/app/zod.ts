import { config } from 'zod';

// The shared zod schemas validate forms here too. Zod's fast path compiles code with
// `new Function`, which the app's Content-Security-Policy forbids (no 'unsafe-eval'); probing
// for it would log a policy violation, so the plain interpreter is used from the start. Zod
// decides at each parse, and every parse happens inside the signed-in frame (AppLayout imports
// this module), so the login page goes without zod's code (issue 14, item 13).
config({ jitless: true });
