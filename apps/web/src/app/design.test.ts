import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_COLORS, contrastRatio, cssVar, MEETING_COLORS, OBLIGATION_COLORS, PALETTE, type PaletteName, TONE } from './design.ts';

/** apps/web/src, found from this file (apps/web/src/app/). */
const SRC = fileURLToPath(new URL('..', import.meta.url));
const APP_CSS = fileURLToPath(new URL('./app.css', import.meta.url));
const DESIGN = fileURLToPath(new URL('./design.ts', import.meta.url));

/** A hex colour: #rgb, #rgba, #rrggbb or #rrggbbaa. */
const HEX = /#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\b/gi;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path);
    return /\.(tsx?|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The `:root { … }` block of app.css: the stylesheets' one copy of the palette. */
function rootBlock(css: string): { block: string; rest: string } {
  const match = /:root\s*\{[^}]*\}/.exec(css);
  if (!match) return { block: '', rest: css };
  return { block: match[0], rest: css.slice(0, match.index) + css.slice(match.index + match[0].length) };
}

/** Hex colours in a source file outside the places allowed to hold them. */
function rawHexColours(path: string, text: string): string[] {
  if (path === DESIGN) return [];
  const checked = path === APP_CSS ? rootBlock(text).rest : text;
  return checked.match(HEX) ?? [];
}

const names = Object.keys(PALETTE) as PaletteName[];
const background = new Set<PaletteName>(BACKGROUND_COLORS);
const foreground = names.filter((name) => !background.has(name));

describe('design tokens', () => {
  it('leaves no raw hex colour in the app outside design.ts and the :root block of app.css', () => {
    const files = walk(SRC);
    expect(files).toContain(APP_CSS);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((path) => {
      const hits = rawHexColours(path, readFileSync(path, 'utf8'));
      return hits.length ? [`${relative(SRC, path)}: ${hits.join(', ')}`] : [];
    });
    expect(found).toEqual([]);
  });

  it('catches a hex colour in a feature file, and allows the palette only where it belongs', () => {
    const feature = join(SRC, 'features', 'meetings', 'Example.tsx');
    expect(rawHexColours(feature, '<Badge color="#c92a2a" />')).toEqual(['#c92a2a']);
    expect(rawHexColours(feature, "const x = { bg: '#fff' };")).toEqual(['#fff']);
    expect(rawHexColours(feature, '<a href="#meeting-followup">')).toEqual([]);
    expect(rawHexColours(DESIGN, "ink: '#212529'")).toEqual([]);
    expect(rawHexColours(APP_CSS, ':root { --a: #fff; }\n.x { color: #000; }')).toEqual(['#000']);
  });

  it.each(foreground)('%s keeps a contrast of 4.5:1 or more against white (text, filled badges)', (name) => {
    expect(contrastRatio(PALETTE[name], '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it.each([
    ['successStrong', 'successTint'], ['infoStrong', 'infoTint'], ['neutralStrong', 'neutralTint'], ['dangerStrong', 'dangerTint'],
  ] as const)('%s text on %s keeps 4.5:1 (the live screen\'s pills)', (text, tint) => {
    expect(contrastRatio(PALETTE[text], PALETTE[tint])).toBeGreaterThanOrEqual(4.5);
  });

  it('has one name per colour, all lower-case hex', () => {
    const values = Object.values(PALETTE);
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) expect(value).toMatch(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/);
  });

  it('builds the status colours from the palette', () => {
    const palette = new Set<string>(Object.values(PALETTE));
    for (const value of [...Object.values(TONE), ...Object.values(MEETING_COLORS), ...Object.values(OBLIGATION_COLORS)]) {
      expect(palette.has(value)).toBe(true);
    }
  });

  it('mirrors the palette in app.css as --esep-color-* custom properties', () => {
    const { block } = rootBlock(readFileSync(APP_CSS, 'utf8'));
    const declared = Object.fromEntries([...block.matchAll(/(--esep-color-[a-z-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2]!.trim().toLowerCase()]));
    const expected = Object.fromEntries(names.map((name) => [cssVar(name), PALETTE[name]]));
    expect(declared).toEqual(expected);
  });

  it('uses only --esep-color-* properties that app.css declares', () => {
    const declared = new Set(Object.keys(PALETTE).map((name) => cssVar(name as PaletteName)));
    const used = walk(SRC).filter((path) => path.endsWith('.css'))
      .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/var\((--esep-color-[a-z-]+)\)/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !declared.has(name))).toEqual([]);
  });
});
