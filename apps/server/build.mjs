/**
 * The production server is one ESM file, apps/server/dist/main.js, run by plain `node`. Running
 * the TypeScript through tsx in production costs ~90 MB of resident memory (its loader thread and
 * source maps), which a small machine — and R-32.1's flat-memory upload — cannot spare.
 * Esep's own workspace packages (@esep/*, TypeScript source) are bundled; every other package
 * stays an import from node_modules.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';

const entry = new URL('./src/main.ts', import.meta.url).pathname;
// Tests that run the server as `npm start` does build their own copy beside it (an argument):
// it must stay under apps/server so that its imports resolve the same node_modules.
const outfile = process.argv[2] ? resolve(process.argv[2]) : new URL('./dist/main.js', import.meta.url).pathname;

await build({
  entryPoints: [entry],
  outfile,
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
});
