/**
 * Esep's design tokens (issue 14): the one place a colour, a type size, a spacing step or an
 * icon size is named. Screens use these names, never a raw hex literal — `design.test.ts`
 * fails on a hex colour anywhere else under `apps/web/src`. The rules in words, with how to add
 * a screen: `apps/web/DESIGN.md`.
 *
 * The CSS side: `app.css` mirrors PALETTE as custom properties in its `:root` block
 * (`--esep-color-<kebab-name>`, e.g. `successTint` → `--esep-color-success-tint`); the other
 * stylesheets use `var(--esep-color-…)`. `design.test.ts` checks the two stay equal — change
 * a value in both places.
 */
import type { MeetingStatus, ObligationStatus } from '../features/meetings/types.ts';

/**
 * The palette. Foreground colours (text, icons, filled badges with white text, outline badges)
 * keep a WCAG 2.1 contrast of at least 4.5:1 on white; the *Tint and surface colours are
 * backgrounds only. A colour repeats what the words say; it never says it alone.
 */
export const PALETTE = {
  /** Body text drawn outside Mantine (the statistics chart's labels). */
  ink: '#212529',
  /** Strong neutral: a closed meeting, a neutral outline badge, the offline pill's text. */
  neutralStrong: '#343a40',
  /** Neutral: nothing has happened yet or it no longer counts (draft, open, skipped, withdrawn, voided). */
  neutral: '#495057',
  /** Secondary data (last year's bars in the statistics chart). */
  muted: '#6c757d',
  /** Success: met, answered, signed, sent, read, registered. */
  success: '#237032',
  /** Success text on its tint (the live screen's "saved" pill). */
  successStrong: '#1e5e2a',
  /** Done: carried out, waiting to be verified or signed (held meeting, check done). */
  done: '#087f5b',
  /** Information / the app's accent blue: scheduled, open, forwarded, queued; focus bars. */
  info: '#1864ab',
  /** Information text on its tint (the live screen's "pending" pill). */
  infoStrong: '#144f87',
  /** Under way: a delivery being sent, an initiator notified. */
  progress: '#0b7285',
  /** Accent violet: announced, forwarding open, a delivery held back. */
  accent: '#5f3dc4',
  /** Muted violet: a late entry confirmed. */
  accentMuted: '#5c3d8f',
  /** Special: a practice meeting, a delivery of unknown outcome. */
  special: '#862e9c',
  /** Warning: unsaved changes, missing notes, a retried delivery. */
  warning: '#a8380a',
  /** Caution: at risk, postponed, a check still open, a late announcement. */
  caution: '#c2410c',
  /** Pending: waiting for someone's answer (an agreement, a checklist step). */
  pending: '#b35c00',
  /** Pending, darker: a late entry waiting for confirmation. */
  pendingStrong: '#8a4b00',
  /** Danger: missed, cancelled, failed, overdue, returned, destructive actions. */
  danger: '#c92a2a',
  /** Danger text on its tint (the live screen's "attention" pill). */
  dangerStrong: '#a61e1e',
  /** The page surface (white). */
  surface: '#fff',
  /** The video player's letterbox. */
  backdrop: '#000',
  /** Background tints, each under the text of its own *Strong colour. */
  successTint: '#ebfbee',
  infoTint: '#e7f5ff',
  neutralTint: '#f1f3f5',
  dangerTint: '#fff5f5',
} as const;

export type PaletteName = keyof typeof PALETTE;

/** Background-only colours: exempt from the 4.5:1-on-white rule (they sit behind text). */
export const BACKGROUND_COLORS = ['surface', 'backdrop', 'successTint', 'infoTint', 'neutralTint', 'dangerTint'] as const satisfies readonly PaletteName[];

/** The CSS custom property that mirrors a palette colour in `app.css`. */
export const cssVar = (name: PaletteName) => `--esep-color-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/* ---------------------------------------------------------------------------------------- */
/* Status colours. Dark tones, so the white text of a filled badge stays above 4.5:1; the    */
/* text says the status, the colour only repeats it. Feature-local maps (report outcomes,    */
/* delivery states, follow-up board…) live next to their feature and reference PALETTE.      */
/* ---------------------------------------------------------------------------------------- */

/** Tones for alerts, buttons and text, dark enough for 4.5:1 on white and on their own light tint. */
export const TONE = { green: PALETTE.success, orange: PALETTE.warning, blue: PALETTE.info } as const;

/** A district's quarterly obligation (the board). */
export const OBLIGATION_COLORS: Record<ObligationStatus, string> = {
  met: PALETTE.success, held: PALETTE.done, scheduled: PALETTE.info, at_risk: PALETTE.caution, open: PALETTE.neutral, missed: PALETTE.danger,
};

/** A meeting's life cycle. */
export const MEETING_COLORS: Record<MeetingStatus, string> = {
  draft: PALETTE.neutral, scheduled: PALETTE.info, announced: PALETTE.accent, held: PALETTE.done, protocol_signed: PALETTE.success,
  closed: PALETTE.neutralStrong, postponed: PALETTE.caution, cancelled: PALETTE.danger,
};

/* ---------------------------------------------------------------------------------------- */
/* Type scale (Mantine sizes).                                                               */
/* ---------------------------------------------------------------------------------------- */

/**
 * Headings: the semantic level (`order`) follows the outline, the visual `size` follows this
 * scale. The page title is Mantine's h1, scaled down on a phone by `app.css` (`.app-main h1`).
 */
export const TITLE = {
  /** One per page: `<Title order={1}>`. */
  page: { order: 1 },
  /** A section of a page (a card's heading): `<Title order={2} size="h4">`. */
  section: { order: 2, size: 'h4' },
  /** The heading of a page-sized card (login, a wizard step, a protocol, a report): `order={2} size="h3"`. */
  sectionLarge: { order: 2, size: 'h3' },
  /** A part inside a section: `<Title order={3} size="h5">`. */
  subsection: { order: 3, size: 'h5' },
  /** A group inside a part: `<Title order={4} size="h6">`. */
  minor: { order: 4, size: 'h6' },
} as const;

/** Text sizes: body text of screens is `sm`; `xs` for captions, hints and state marks. */
export const TEXT = {
  /** Running text, table cells, form descriptions. */
  body: 'sm',
  /** Secondary lines (a date under a name), badges in a dense row. */
  small: 'xs',
  /** Captions and state marks ("unsaved"), often `c="dimmed"` or bold. */
  caption: 'xs',
  /** A figure that is the point of a card (counts). */
  figure: 'xl',
} as const;

/* ---------------------------------------------------------------------------------------- */
/* Spacing (Mantine spacing keys).                                                           */
/* ---------------------------------------------------------------------------------------- */

export const SPACING = {
  /** `xs`: tight — an icon and its label, a row of badges, a label and its value. */
  tight: 'xs',
  /** `sm`: the default — fields of a form, rows of a Stack/Group, a card's padding. */
  default: 'sm',
  /** `md`: between the sections of a page (the page's own Stack). */
  section: 'md',
  /** `lg`: between the large blocks of a document-like page (login, protocol, report). */
  page: 'lg',
} as const;

/* ---------------------------------------------------------------------------------------- */
/* Icons: Tabler (`@tabler/icons-react`), always `aria-hidden` next to words.                */
/* ---------------------------------------------------------------------------------------- */

export const ICON_SIZE = {
  /** 14: inside a badge or a `compact-sm` button. */
  compact: 14,
  /** 16: menus, default (`sm`) buttons, table sort marks, inline with body text. */
  inline: 16,
  /** 18: `md` buttons (the main actions), action icons, the avatar. */
  button: 18,
  /** 20: navigation links and the leading icon of an information row (date, place, people). */
  nav: 20,
  /** 22: a standalone status icon (task list, closed-meeting lock) and the bell. */
  status: 22,
} as const;

/** Touch targets on a phone are at least this tall (CSS px). */
export const TOUCH_TARGET = 44;

/** WCAG 2.1 relative luminance of #rgb or #rrggbb. */
function luminance(hex: string): number {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** WCAG 2.1 contrast ratio of two colours (#rgb or #rrggbb): 4.5 or more is AA for text. */
export const contrastRatio = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
