import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Each script, style sheet and page of the build also as `<file>.br` (brotli at its best,
 * quality 11) and `<file>.gz` (level 9), served as they are by the API server
 * (`preCompressed` in apps/server/src/plugins/web.plugin.ts). Compressing on the fly (quality 4
 * for speed) sends the login page's scripts about 15 % bigger (issue 14, item 13).
 */
export function precompress(): Plugin {
  return {
    name: 'esep:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      await Promise.all(Object.keys(bundle)
        .filter((file) => /\.(js|css|html|svg|json|webmanifest)$/.test(file))
        .map(async (file) => {
          const item = bundle[file]!;
          const source = Buffer.from(item.type === 'chunk' ? item.code : item.source);
          if (source.length < 1024) return;
          const path = join(outDir, file);
          await Promise.all([
            brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } })
              .then((data) => writeFile(`${path}.br`, data)),
            gzipped(source, { level: 9 }).then((data) => writeFile(`${path}.gz`, data)),
          ]);
        }));
    },
  };
}

// The web client is served by the API server from `dist` in production; in development the
// Vite server forwards `/api` to the API server on port 3000.

/**
 * What the service worker precaches (issue 14, item 13): the app's shell and the code of the
 * screens used in a hall without signal — the signed-in frame, the meeting page and the live
 * screen, with everything they import — and the strings of every language, not the code of every
 * page. Other pages are cached as they are opened (runtime caching in vite.config.ts). `roots`
 * name the modules whose chunks start the selection (the entry's chunks always do).
 */
export function offlineShell(roots: RegExp[]): { plugin: Plugin; keep: (url: string) => boolean } {
  const kept = new Set<string>();
  const plugin: Plugin = {
    name: 'esep:offline-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      kept.clear();
      const visit = (file: string) => {
        const chunk = bundle[file];
        if (!chunk || kept.has(file)) return;
        kept.add(file);
        if (chunk.type !== 'chunk') return;
        for (const css of chunk.viteMetadata?.importedCss ?? []) kept.add(css);
        for (const imported of chunk.imports) visit(imported);
      };
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        if (chunk.isEntry || (chunk.facadeModuleId && roots.some((root) => root.test(chunk.facadeModuleId!)))) visit(file);
      }
    },
  };
  // Scripts outside the selection stay out; every other file of the build (styles, the page, icons) is kept.
  return { plugin, keep: (url) => !url.endsWith('.js') || kept.has(url.replace(/^\//, '')) };
}
