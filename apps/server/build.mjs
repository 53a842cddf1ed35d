/**
 * The production server is one ESM file, apps/server/dist/main.js, run by plain `node`. Running
 * the TypeScript through tsx in production costs ~90 MB of resident memory (its loader thread and
 * source maps), which a small machine — and R-32.1's flat-memory upload — cannot spare.
 * Esep's own workspace packages (@esep/*, TypeScript source) are bundled; every other package
 * stays an import from node_modules.
 *
 * Beside it, the operator's commands are bundled the same way (dist/migrate.js, dist/user-create.js,
 * dist/audit-verify.js, dist/protocol-verify.js, dist/demo-seed.js): the container image has no tsx
 * and no dev dependencies, so `npm run migrate` and the others run there as `node apps/server/dist/….js`
 * (docs/deployment.md). They sit in the same folder as main.js, so every path they find from their
 * own URL (the migrations through @esep/db, the web app) is the same.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';

const src = (name) => new URL(`./src/${name}`, import.meta.url).pathname;
const options = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [{
    name: 'node-modules-external',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@esep/') ? undefined : { external: true }));
    },
  }],
};

if (process.argv[2]) {
  // Tests that run the server as `npm start` does build their own copy beside it (an argument):
  // it must stay under apps/server so that its imports resolve the same node_modules.
  await build({ ...options, entryPoints: [src('main.ts')], outfile: resolve(process.argv[2]) });
} else {
  await build({
    ...options,
    entryPoints: {
      main: src('main.ts'),
      migrate: src('cli/migrate.ts'),
      'user-create': src('cli/user-create.ts'),
      'audit-verify': src('cli/audit-verify.ts'),
      'protocol-verify': src('cli/protocol-verify.ts'),
      'demo-seed': src('cli/demo-seed.ts'),
    },
    outdir: new URL('./dist', import.meta.url).pathname,
  });
}
