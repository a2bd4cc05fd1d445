import { defineConfig } from 'vitest/config';

// End-to-end: the real app (npm start -- --browser) driven by real Chromium. Files run one
// at a time: two cores cannot run several Chromiums and backends at once reliably.
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
