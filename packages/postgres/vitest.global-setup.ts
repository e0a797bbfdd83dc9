import type { TestProject } from 'vitest/node';
import { findTestServer } from './src/testing/test-server.js';
import './src/test-support/provided-context.js';

// Finds the server once for the whole project: the server tests read it with inject(), and when
// there is none exactly one line says so (or, with PERFLEDGER_REQUIRE_POSTGRES=1, the run fails).
export default async function setup(project: TestProject): Promise<void> {
  const found = await findTestServer();
  if (found.url === undefined) process.stdout.write(`${found.skipped}\n`);
  project.provide('postgresServer', found.url ?? null);
}
