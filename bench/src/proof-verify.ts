import { verify as ed25519, generateKeyPairSync } from 'node:crypto';
import {
  cosignCheckpointText,
  cosignedMessage,
  createNoteCheckpoint,
  createProofBundle,
  verifyProofBundle,
  withSignature,
} from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import type { Dataset } from './dataset.js';
import { fastestOf } from './measure.js';
import { type BenchRow, costRow } from './report.js';

/**
 * `proof-verify`: `verifyProofBundle` on a bundle of an event in the middle of the dataset (parse,
 * recompute the event hash, check the checkpoint's ledger signature and one witness cosignature,
 * verify the inclusion proof) against the floor any offline verifier pays: parsing the same JSON
 * and checking the same two Ed25519 signatures. No database is open while either runs.
 *
 * @example
 * ```ts
 * const row = await proofVerify(await ensureDataset({ actions: 1_000, eventsPerAction: 10 }, log), 200);
 * ```
 */
export async function proofVerify(dataset: Dataset, runs: number): Promise<BenchRow> {
  const operator = generateKeyPairSync('ed25519');
  const witness = generateKeyPairSync('ed25519');
  const ledger = await openLedger({ file: dataset.file });
  let text: string;
  let size: number;
  try {
    let checkpoint = await createNoteCheckpoint(ledger, operator.privateKey);
    checkpoint = withSignature(
      checkpoint,
      cosignCheckpointText(
        checkpoint.text,
        'witness.bench',
        witness.privateKey,
        Math.floor(Date.now() / 1000),
      ),
    );
    size = checkpoint.size;
    const bundle = await createProofBundle(ledger, { position: Math.ceil(size / 2), checkpoint });
    text = JSON.stringify(bundle);
  } finally {
    await ledger.close();
  }
  const options = { ledgerKey: operator.publicKey, witnessKeys: [witness.publicKey] };
  // The baseline's inputs: the checkpoint text and its two signatures, cut from the bundle once.
  const proofText = (JSON.parse(text) as { proof: string }).proof;
  const note = proofText.slice(proofText.indexOf('\n\n') + 2);
  const body = note.slice(0, note.lastIndexOf('\n\n') + 1);
  const [logLine, witnessLine] = note
    .slice(body.length + 1)
    .trimEnd()
    .split('\n');
  const logSig = Buffer.from(logLine?.split(' ')[2] ?? '', 'base64').subarray(4);
  const cosig = Buffer.from(witnessLine?.split(' ')[2] ?? '', 'base64').subarray(4);
  const time = Number(cosig.readBigUInt64BE(0));
  const once = (work: () => void) => () => {
    const started = performance.now();
    for (let i = 0; i < runs; i++) work();
    return (performance.now() - started) / runs;
  };
  const ours = once(() => verifyProofBundle(JSON.parse(text), options));
  const floor = once(() => {
    JSON.parse(text);
    const a = ed25519(null, Buffer.from(body), operator.publicKey, logSig);
    const b = ed25519(null, cosignedMessage(body, time), witness.publicKey, cosig.subarray(8));
    if (!a || !b) throw new Error('proof-verify: the baseline signatures do not verify');
  });
  ours();
  floor();
  const oursMs = fastestOf(3, ours);
  const floorMs = fastestOf(3, floor);
  return costRow(
    'proof-verify',
    'ms/bundle',
    oursMs,
    floorMs,
    'JSON.parse + 2 Ed25519 verifies',
    `a bundle of position ${Math.ceil(size / 2)} in a checkpoint of ${size} events; ${oursMs.toFixed(3)} ms each`,
  );
}
