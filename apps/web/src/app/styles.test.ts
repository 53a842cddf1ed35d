import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The Mantine components whose styles a component needs besides its own (Mantine's docs). */
const BUILDS_ON: Record<string, string[]> = {
  ActionIcon: ['UnstyledButton', 'Loader'],
  Alert: ['CloseButton'],
  AppShell: ['ScrollArea'],
  Burger: ['UnstyledButton'],
  Checkbox: ['InlineInput', 'CheckboxIndicator'],
  Button: ['UnstyledButton', 'Loader'],
  CloseButton: ['UnstyledButton'],
  Drawer: ['ModalBase', 'Overlay', 'CloseButton', 'Paper'],
  Menu: ['Popover', 'UnstyledButton'],
  Modal: ['ModalBase', 'Overlay', 'CloseButton', 'Paper'],
  NativeSelect: ['Input', 'Combobox'],
  NavLink: ['UnstyledButton'],
  NumberInput: ['Input'],
  Pagination: ['UnstyledButton'],
  PasswordInput: ['Input', 'ActionIcon'],
  Radio: ['InlineInput'],
  Select: ['Input', 'Combobox', 'Popover', 'CloseButton', 'ScrollArea'],
  Stepper: ['UnstyledButton'],
  Tabs: ['UnstyledButton'],
  Textarea: ['Input'],
  TextInput: ['Input'],
  Notifications: ['Notification', 'Loader', 'CloseButton'],
};

const SRC = join(dirname(new URL(import.meta.url).pathname), '..');
const stylesDir = join(dirname(createRequire(import.meta.url).resolve('@mantine/core/styles.css')), 'styles');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [path] : [];
  });
}

/** Every component imported from `@mantine/core` (and the notifications container) in the app. */
function usedComponents(): Set<string> {
  const used = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/import \{([^}]+)\} from '@mantine\/(core|notifications)'/g)) {
      for (const name of match[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter(Boolean)) used.add(name);
    }
  }
  return used;
}

describe('Mantine styles', () => {
  it('imports the stylesheet of every Mantine component the app uses, and of what it builds on', () => {
    const imported = new Set([...readFileSync(join(SRC, 'app/styles.ts'), 'utf8')
      .matchAll(/@mantine\/core\/styles\/(\w+)\.css/g)].map((m) => m[1]!));
    const needed = new Set<string>();
    for (const name of usedComponents()) {
      for (const component of [name, ...(BUILDS_ON[name] ?? [])]) {
        if (existsSync(join(stylesDir, `${component}.css`))) needed.add(component);
      }
    }
    expect([...needed].filter((name) => !imported.has(name)).sort()).toEqual([]);
  });
});
