import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../store/schema.js';
import type { ChainRow } from './chain-verifier.js';
import { ChainVerifier } from './chain-verifier.js';
import { eventHash } from './event-hash.js';

function chain(streams: readonly string[]): ChainRow[] {
  const rows: ChainRow[] = [];
  const versions = new Map<string, number>();
  let prevHash = GENESIS_HASH;
  streams.forEach((stream, index) => {
    const streamVersion = (versions.get(stream) ?? 0) + 1;
    versions.set(stream, streamVersion);
    const fields = {
      position: index + 1,
      eventId: `id-${index + 1}`,
      stream,
      streamVersion,
      type: 'ProgressUpdated',
      schemaVersion: 1,
      dataJson: `{"n":${index}}`,
      effectiveOn: '2024-01-15',
      recordedAt: `2024-01-15T09:00:${String(index).padStart(2, '0')}.000000Z`,
      actor: null,
      source: null,
      correlationId: null,
      causationId: null,
      idempotencyKey: null,
    };
    const hash = eventHash(prevHash, fields);
    rows.push({ ...fields, prevHash, hash });
    prevHash = hash;
  });
  return rows;
}

describe('ChainVerifier', () => {
  const rows = chain(['a', 'b', 'a', 'c', 'b']);

  it('continues from a start with an asynchronous stream-version lookup', async () => {
    const start = rows[1]!;
    const verifier = new ChainVerifier({
      position: 2,
      hash: start.hash,
      recordedAt: start.recordedAt,
      streamVersionAt: async (stream) => ({ a: 1, b: 1 })[stream as 'a' | 'b'] ?? 0,
    });
    expect(await verifier.pushAll(rows.slice(2))).toBe(true);
    expect(verifier.finish({ position: 5, hash: rows[4]!.hash })).toMatchObject({ ok: true, count: 3 });
  });

  it('finds a stream gap from the start versions it looked up', async () => {
    const start = rows[1]!;
    const verifier = new ChainVerifier({
      position: 2,
      hash: start.hash,
      recordedAt: start.recordedAt,
      streamVersionAt: async () => 0,
    });
    expect(await verifier.pushAll(rows.slice(2))).toBe(false);
    const result = verifier.finish({ position: 5, hash: rows[4]!.hash });
    expect(result.ok ? undefined : result.break.kind).toBe('stream-gap');
  });

  it('refuses push() for a stream whose start version is looked up asynchronously', () => {
    const start = rows[1]!;
    const verifier = new ChainVerifier({
      position: 2,
      hash: start.hash,
      recordedAt: start.recordedAt,
      streamVersionAt: async () => 1,
    });
    expect(() => verifier.push(rows[2]!)).toThrow(/pushAll/);
  });

  it('holds a tentative hash mismatch against nothing, and a real one against the chain', () => {
    const verifier = new ChainVerifier();
    const edited = { ...rows[0]!, dataJson: '{"n": 0}' };
    expect(verifier.pushTentatively(edited)).toBe('hash-mismatch');
    expect(verifier.broken).toBe(false);
    expect(verifier.pushTentatively(rows[0]!)).toBe(true);
    expect(verifier.push({ ...rows[1]!, dataJson: '{}' })).toBe(false);
    expect(verifier.broken).toBe(true);
  });
});
