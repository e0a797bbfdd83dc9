import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'reliability',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../vitest.setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
