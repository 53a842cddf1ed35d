/** A button whose long label (Kazakh and Russian run long) wraps instead of widening the page. */
export const wrappingButton = {
  root: { height: 'auto', minHeight: 42, paddingBlock: 8, maxWidth: '100%' },
  label: { whiteSpace: 'normal' as const, textAlign: 'left' as const, lineHeight: 1.3 },
};
