// The strings the login page needs (and the boot's loaders and errors), from ./kk.json: only
// these keys are bundled into the chunk the login page downloads (see ../index.ts).
export { app, languages, login } from './kk.json';
