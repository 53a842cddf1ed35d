import { createTheme, type CSSVariablesResolver } from '@mantine/core';

const FONT_FAMILY = 'Inter, "Noto Sans", "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif';

export const theme = createTheme({
  fontFamily: FONT_FAMILY,
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
  headings: { fontFamily: FONT_FAMILY },
  primaryColor: 'blue',
  // Shade 9 keeps white-on-colour and colour-on-tint text above the WCAG AA contrast of 4.5:1.
  primaryShade: { light: 9, dark: 7 },
  defaultRadius: 'sm',
});

/** Mantine's dimmed and error greys/reds are too light for AA contrast on white; darken them. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
