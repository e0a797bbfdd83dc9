import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contentHash,
  IntegrityError,
  type Ledger,
  listPublishedReports,
  publishReport,
  reportStream,
  ValidationError,
  verifyPublishedReport,
} from '@perfledger/core';
import { GENESIS_HASH } from '@perfledger/core/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../open-ledger.js';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function newLedger(): Promise<Ledger> {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-publish-'));
  dirs.push(dir);
  let now = Date.parse('2024-01-15T09:00:00Z');
  const ledger = await openLedger({
    file: join(dir, 'ledger.db'),
    durability: 'normal',
    clock: () => {
      now += 1000;
      return new Date(now);
    },
  });
  ledgers.push(ledger);
  await ledger.execute({
    type: 'RegisterAction',
    code: 'FP1922_02',
    effectiveOn: '2023-04-01',
    title: 'Widen the use of e-forms',
    plan: 'Corporate Plan 2018-23',
    directorate: 'Finance',
    section: 'Digital',
    dueDate: '2024-03-31',
    statusKey: 'rag',
  });
  await ledger.execute({
    type: 'UpdateProgress',
    code: 'FP1922_02',
    effectiveOn: '2023-12-31',
    percentComplete: 40,
  });
  return ledger;
}

const html = '<h1>Quarter 3, 2023/24</h1>\n';
const generator = '@perfledger/quarter-end@0.1.0';

describe('contentHash', () => {
  it('is the SHA-256 of the bytes, strings taken as UTF-8', async () => {
    expect(contentHash('hello\n')).toBe('5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03');
    expect(contentHash(new TextEncoder().encode('£ café'))).toBe(contentHash('£ café'));
    expect(contentHash('a')).not.toBe(contentHash('a\n'));
  });
});

describe('publishReport', () => {
  it("records a ReportPublished event in the quarter's report stream, based on the current head", async () => {
    const ledger = await newLedger();
    const head = await ledger.head();
    const report = await publishReport(ledger, {
      fy: '2023/24',
      quarter: 3,
      content: html,
      format: 'html',
      generator,
      actor: 'performance.team',
    });
    expect(report).toMatchObject({
      position: 3,
      stream: 'report:2023/24-Q3',
      actor: 'performance.team',
      fy: '2023/24',
      quarter: 3,
      basedOnPosition: head.position,
      basedOnHeadHash: head.hash,
      contentHash: contentHash(html),
      format: 'html',
      generator,
      reportId: null,
      note: null,
      effectiveOn: '2024-01-15',
    });
    const [event] = await ledger.readStream(reportStream('2023/24', 3));
    expect(event).toMatchObject({ type: 'ReportPublished', schemaVersion: 1, eventId: report.eventId });
    expect((await ledger.verify()).ok).toBe(true);
    // Not an action event: action states ignore it.
    expect((await ledger.getActions()).map((action) => [action.code, action.eventCount])).toEqual([
      ['FP1922_02', 2],
    ]);
  });

  it('records an explicit basis, reference and note; republishing appends to the same stream', async () => {
    const ledger = await newLedger();
    const first = await ledger.head();
    await ledger.execute({
      type: 'AddComment',
      code: 'FP1922_02',
      effectiveOn: '2023-12-31',
      comment: 'Late update',
    });
    const a = await publishReport(ledger, {
      fy: '2023/24',
      quarter: 3,
      content: new TextEncoder().encode(html),
      format: 'html',
      generator,
      basedOn: { position: first.position, hash: first.hash },
      reportId: 'CAB-2024-017',
      note: 'As presented to Cabinet',
    });
    expect(a).toMatchObject({ basedOnPosition: 2, basedOnHeadHash: first.hash, reportId: 'CAB-2024-017' });
    const b = await publishReport(ledger, {
      fy: '2023/24',
      quarter: 3,
      content: 'corrected',
      format: 'md',
      generator,
    });
    expect(b.basedOnPosition).toBe(a.position);
    expect((await ledger.readStream('report:2023/24-Q3')).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('accepts a report based on the empty log', async () => {
    const ledger = await newLedger();
    const report = await publishReport(ledger, {
      fy: '2023/24',
      quarter: 1,
      content: '',
      format: 'csv',
      generator,
      basedOn: { position: 0, hash: GENESIS_HASH },
    });
    expect(report.basedOnPosition).toBe(0);
  });

  it('refuses a basis this log never had, writing nothing', async () => {
    const ledger = await newLedger();
    const input = { fy: '2023/24', quarter: 3, content: html, format: 'html', generator } as const;
    const attempts = [
      { position: 9, hash: (await ledger.head()).hash },
      { position: 1, hash: (await ledger.head()).hash },
      { position: -1, hash: GENESIS_HASH },
    ];
    for (const basedOn of attempts) {
      await expect(publishReport(ledger, { ...input, basedOn })).rejects.toThrow(IntegrityError);
    }
    try {
      await publishReport(ledger, { ...input, basedOn: attempts[0]! });
    } catch (error) {
      expect((error as IntegrityError).code).toBe('REPORT_BASIS_INVALID');
      expect((error as Error).message).toBe(
        'The report is said to be based on position 9, but the log ends at 2.',
      );
    }
    expect((await ledger.head()).position).toBe(2);
  });

  it('refuses malformed years, quarters, formats and generators with a ValidationError', async () => {
    const ledger = await newLedger();
    const input = { fy: '2023/24', quarter: 3, content: html, format: 'html', generator } as const;
    const bad: unknown[] = [
      { ...input, fy: '2023-24' },
      { ...input, fy: '2023/25' },
      { ...input, quarter: 5 },
      { ...input, format: 'pdf' },
      { ...input, generator: ' ' },
    ];
    for (const candidate of bad) {
      await expect(publishReport(ledger, candidate as Parameters<typeof publishReport>[1])).rejects.toThrow(
        ValidationError,
      );
    }
    expect((await ledger.head()).position).toBe(2);
    // A January-start year is labelled by one calendar year.
    expect((await publishReport(ledger, { ...input, fy: '2024', quarter: 1 })).stream).toBe('report:2024-Q1');
  });
});

describe('listPublishedReports', () => {
  it('lists publications in log order, by year and quarter', async () => {
    const ledger = await newLedger();
    const base = { content: html, format: 'html', generator } as const;
    await publishReport(ledger, { ...base, fy: '2023/24', quarter: 2 });
    await publishReport(ledger, { ...base, fy: '2023/24', quarter: 3 });
    await publishReport(ledger, { ...base, fy: '2024/25', quarter: 3 });
    await publishReport(ledger, { ...base, fy: '2023/24', quarter: 3, content: 'corrected' });
    const label = (r: { fy: string; quarter: number; position: number }) =>
      `${r.fy} Q${r.quarter} @${r.position}`;
    expect((await listPublishedReports(ledger)).map(label)).toEqual([
      '2023/24 Q2 @3',
      '2023/24 Q3 @4',
      '2024/25 Q3 @5',
      '2023/24 Q3 @6',
    ]);
    expect((await listPublishedReports(ledger, { fy: '2023/24', quarter: 3 })).map(label)).toEqual([
      '2023/24 Q3 @4',
      '2023/24 Q3 @6',
    ]);
    expect((await listPublishedReports(ledger, { quarter: 2 })).map(label)).toEqual(['2023/24 Q2 @3']);
    expect(await listPublishedReports(ledger, { fy: '2022/23' })).toEqual([]);
  });
});

describe('verifyPublishedReport', () => {
  it('matches the same bytes against a basis still in the log, and says what differs otherwise', async () => {
    const ledger = await newLedger();
    const report = await publishReport(ledger, {
      fy: '2023/24',
      quarter: 3,
      content: html,
      format: 'html',
      generator,
    });
    expect(await verifyPublishedReport(ledger, report, html)).toMatchObject({
      ok: true,
      basisInLog: true,
      contentMatches: true,
      message:
        'The 2023/24 Q3 report published at position 3 matches: same content, and the log still holds the state at position 2 it was based on.',
    });
    const changed = await verifyPublishedReport(ledger, report, html.replace('3', '4'));
    expect(changed).toMatchObject({ ok: false, basisInLog: true, contentMatches: false });
    expect(changed.message).toMatch(
      /^The 2023\/24 Q3 report published at position 3 does not match: the content given hashes to [0-9a-f]{12}…, not the published [0-9a-f]{12}…\.$/,
    );
    const elsewhere = await verifyPublishedReport(
      ledger,
      { ...report, basedOnHeadHash: 'b'.repeat(64) },
      html,
    );
    expect(elsewhere).toMatchObject({ ok: false, basisInLog: false, contentMatches: true });
    expect(elsewhere.message).toContain('the event at position 2 it was based on now hashes to');
  });
});
