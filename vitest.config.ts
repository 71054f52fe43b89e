import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/node-platform.ts'],
    // Property tests over many random cases take longer than vitest's 5 s default.
    testTimeout: 60_000,
    pool: 'forks',
  },
});
