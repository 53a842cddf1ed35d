/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/**
 * Checks for the phone (issue 14): no page wider than its viewport, and screenshots of every
 * screen a journey visits, for anyone to look at after the run.
 */

/** Where `screenshot` writes: `ESEP_SCREENSHOTS`, or e2e/screenshots/ (git-ignored; named in the README). */
export const SCREENSHOT_DIR = process.env.ESEP_SCREENSHOTS ?? new URL('./screenshots/', import.meta.url).pathname;

/** An element that reaches past the viewport's right edge (or starts left of 0). */
export interface Offender { selector: string; left: number; right: number; width: number; text: string }

export interface Overflow {
  /** The document's scrollWidth and the viewport's width in CSS pixels. */
  scrollWidth: number;
  innerWidth: number;
  /** The widest offenders, outermost first; nested ones inside an offender are left out. */
  offenders: Offender[];
}

/** Measures the page: its scroll width, and the elements wider than the viewport or past its edge. */
export async function measureOverflow(page: Page, limit = 8): Promise<Overflow> {
  // A mobile browser widens its layout viewport (innerWidth) to a page that overflows; the
  // width the page was opened at is the one to fit.
  const opened = page.viewportSize()?.width ?? Number.POSITIVE_INFINITY;
  return page.evaluate(([max, openedWidth]) => {
    const viewport = Math.min(window.innerWidth, openedWidth);
    const describe = (el: Element): string => {
      const parts: string[] = [];
      for (let node: Element | null = el; node && node !== document.body && parts.length < 4; node = node.parentElement) {
        const testId = node.getAttribute('data-testid');
        const classes = Array.from(node.classList).filter((c) => !/^m_[0-9a-f]+$/.test(c)).slice(0, 2);
        parts.unshift(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${testId ? `[data-testid=${testId}]` : ''}${classes.map((c) => `.${c}`).join('')}`);
        if (testId || node.id) break;
      }
      return parts.join(' > ');
    };
    // Inside a box that scrolls or clips (overflow not visible) a wide child is not the page's problem.
    const clipped = (el: Element): boolean => {
      for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.overflowX !== 'visible') return true;
      }
      return false;
    };
    const found: Array<{ el: Element; left: number; right: number; width: number }> = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const right = rect.right + window.scrollX;
      const left = rect.left + window.scrollX;
      if (right <= viewport + 1 && left >= -1) continue;
      const style = getComputedStyle(el);
      if (style.position === 'fixed' || style.visibility === 'hidden') continue;
      if (clipped(el)) continue;
      found.push({ el, left, right, width: rect.width });
    }
    const outermost = found.filter((f) => !found.some((o) => o !== f && o.el.contains(f.el)));
    outermost.sort((a, b) => b.right - a.right || b.width - a.width);
    const scrolling = document.scrollingElement ?? document.documentElement;
    return {
      scrollWidth: scrolling.scrollWidth,
      innerWidth: viewport,
      offenders: outermost.slice(0, max).map((f) => ({
        selector: describe(f.el), left: Math.round(f.left), right: Math.round(f.right), width: Math.round(f.width),
        text: (f.el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60),
      })),
    };
  }, [limit, opened] as const);
}

/**
 * Fails when the page scrolls sideways: document.scrollingElement.scrollWidth must not exceed
 * window.innerWidth (one pixel of rounding allowed; on a mobile page, the width it was opened at). The error names the widest offenders, e.g.
 * `ol[data-testid=live-items] > li right 501 (width 470) "…"`. Returns the measurement.
 */
export async function expectNoHorizontalOverflow(page: Page, label: string): Promise<Overflow> {
  const result = await measureOverflow(page);
  if (result.scrollWidth > result.innerWidth + 1) {
    const lines = result.offenders.map((o) => `  ${o.selector}: left ${o.left}, right ${o.right} (width ${o.width}) "${o.text}"`);
    throw new Error(`${label}: the page is ${result.scrollWidth} px wide in a ${result.innerWidth} px viewport; widest elements:\n${lines.join('\n') || '  (none found outside scroll boxes)'}`);
  }
  return result;
}

const HIDE_BARS = '.mantine-AppShell-header, .live-statusbar { visibility: hidden !important; }';

/**
 * Writes a PNG of the page to `dir` (SCREENSHOT_DIR by default) as `<name>.png` and returns its
 * path: the whole page, or only `element` (a section of it) when given.
 */
export async function screenshot(page: Page, name: string, options: { dir?: string; element?: Locator } = {}): Promise<string> {
  const dir = options.dir ?? SCREENSHOT_DIR;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  // Fixed and sticky bars (the app's header, the live screen's count) would be photographed over the section.
  if (options.element) await options.element.screenshot({ path, animations: 'disabled', caret: 'hide', style: HIDE_BARS });
  else await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  return path;
}

/** A table that does not fit its place: wider than the box it scrolls in, or past the viewport. */
export interface WideTable { selector: string; width: number; room: number }

/**
 * Tables wider than the room they have — on a phone a table that scrolls sideways in its box
 * hides its columns off-screen (issue 14: "no key column of a table off-screen").
 */
export async function wideTables(page: Page): Promise<WideTable[]> {
  return page.evaluate(() => {
    const result: WideTable[] = [];
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const rect = table.getBoundingClientRect();
      if (rect.width === 0 || getComputedStyle(table).visibility === 'hidden') continue;
      let room = window.innerWidth - Math.max(0, rect.left);
      for (let node = table.parentElement; node && node !== document.body; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible') {
          room = Math.min(room, node.clientWidth);
          break;
        }
      }
      if (rect.width > room + 1) {
        const testId = table.getAttribute('data-testid') ?? table.closest('[data-testid]')?.getAttribute('data-testid');
        result.push({ selector: `table${testId ? `[data-testid=${testId}]` : ''}`, width: Math.round(rect.width), room: Math.round(room) });
      }
    }
    return result;
  });
}

/** Fails when a table on the page is wider than its room (see `wideTables`). */
export async function expectTablesFit(page: Page, label: string): Promise<void> {
  const wide = await wideTables(page);
  if (wide.length > 0) throw new Error(`${label}: tables wider than their room: ${wide.map((w) => `${w.selector} ${w.width} px in ${w.room} px`).join('; ')}`);
}

/** A box that scrolls sideways: on a phone its right part is off-screen unless swiped. */
export interface SidewaysScroller { selector: string; scrollWidth: number; clientWidth: number }

/**
 * Boxes whose content is wider than they are (overflow-x auto or scroll): a table in its scroll
 * box, a long line of code. The page itself may fit while these hide their right part.
 */
export async function sidewaysScrollers(page: Page): Promise<SidewaysScroller[]> {
  return page.evaluate(() => {
    const result: SidewaysScroller[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (!(el instanceof HTMLElement) || el.clientWidth === 0) continue;
      const overflowX = getComputedStyle(el).overflowX;
      if (overflowX !== 'auto' && overflowX !== 'scroll') continue;
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      const testId = el.getAttribute('data-testid') ?? el.querySelector('[data-testid]')?.getAttribute('data-testid');
      const label = el.getAttribute('aria-label');
      result.push({
        selector: `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).filter((c) => !/^m_[0-9a-f]+$/.test(c)).slice(0, 2).join('.')}` : ''}${label ? `[aria-label="${label}"]` : ''}${testId ? ` (${testId})` : ''}`,
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      });
    }
    return result;
  });
}
