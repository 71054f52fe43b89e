import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/node-platform.ts'],
    // A private TMPDIR per run; the run fails if a test leaves a seedgrad-* folder in it.
    globalSetup: ['test/setup/temp-check.ts'],
    // Property tests over many random cases take longer than vitest's 5 s default.
    testTimeout: 60_000,
    pool: 'forks',
  },
});
