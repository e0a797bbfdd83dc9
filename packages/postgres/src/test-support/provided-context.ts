// What vitest.global-setup.ts provides to the tests of this package (read with inject()).
declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the PostgreSQL server the tests use, or null when none answers. */
    postgresServer: string | null;
  }
}

export {};
