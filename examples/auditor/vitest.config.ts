import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-auditor',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../vitest.setup.ts'],
    testTimeout: 120_000,
  },
});
