import { useEffect, useRef } from 'react';

/**
 * Props for a Mantine `Select` that follow the ARIA 1.2 combobox pattern, which Mantine 8 only
 * half does: the input gets `role="combobox"` and an `aria-expanded` that follows the dropdown
 * (set on the element, as Mantine's target props would reset the React prop), and the listbox
 * scrolls itself instead of a wrapper box, so it is known as the combobox's popup, scrolled with
 * the arrow keys from the input (axe: scrollable-region-focusable).
 */
export function useComboboxProps(maxHeight = 260) {
  const ref = useRef<HTMLInputElement>(null);
  const expanded = (open: boolean) => ref.current?.setAttribute('aria-expanded', String(open));
  useEffect(() => expanded(false), []);
  return {
    ref,
    role: 'combobox',
    withScrollArea: false,
    styles: { options: { maxHeight, overflowY: 'auto' as const } },
    onDropdownOpen: () => expanded(true),
    onDropdownClose: () => expanded(false),
  };
}
