import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'postgres',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../vitest.setup.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    // Starting PGlite (PostgreSQL in WASM) takes seconds on a busy machine.
    hookTimeout: 60_000,
  },
});
