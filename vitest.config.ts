import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Test tiers: unit (pure, fast), integration (the real API on a real database: PGlite always,
 * PostgreSQL too when TEST_DATABASE_URL is set) and end-to-end (headless Debian Chromium; runs
 * when /usr/bin/chromium exists or ESEP_E2E=1).
 */
const integration = (engine: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `integration:${engine}`,
    include: ['apps/server/**/*.int.test.ts', 'packages/db/**/*.int.test.ts'],
    globalSetup: [`apps/server/test/global-setup.${engine}.ts`],
    env: { ESEP_TEST_ENGINE: engine },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runE2e = process.env.ESEP_E2E === '1' || (process.env.ESEP_E2E !== '0' && existsSync(chromium));

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/**/src/**/*.test.ts', 'apps/server/src/**/*.test.{ts,tsx}', 'apps/web/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      integration('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('postgres')] : []),
      ...(runE2e ? [{
        extends: true as const,
        test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 90_000, hookTimeout: 180_000, fileParallelism: false },
      }] : []),
    ],
  },
});
