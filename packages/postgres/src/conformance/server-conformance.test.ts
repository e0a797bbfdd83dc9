import { describeEngineConformance } from '@perfledger/core/conformance';
import { describe, inject, it } from 'vitest';
import '../test-support/provided-context.js';
import { serverEngine } from './postgres-engines.js';

const url = inject('postgresServer');

// The engine conformance suite of @perfledger/core, unchanged, on the PostgreSQL server (when
// one answers; see vitest.global-setup.ts).
if (url !== null) describeEngineConformance(serverEngine(url));
else {
  describe.skip('engine conformance: postgres (server)', () => {
    it('runs when a PostgreSQL server answers', () => {});
  });
}
