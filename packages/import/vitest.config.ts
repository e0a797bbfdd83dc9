import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'import',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../vitest.setup.ts'],
    testTimeout: 60_000,
  },
});
