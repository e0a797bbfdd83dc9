import { inject } from 'vitest';
import '../test-support/provided-context.js';

/** The test server's URL (see vitest.global-setup.ts), or null when none answers. */
export const serverUrl: string | null = inject('postgresServer');

/** The URL with another user (trust auth: no password). */
export function asUser(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = '';
  return parsed.toString();
}
