import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-quarterly',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../vitest.setup.ts'],
    testTimeout: 180_000,
  },
});
