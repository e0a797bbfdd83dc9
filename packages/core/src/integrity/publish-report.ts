import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { validationErrorFromZod } from '../errors/index.js';
import type { EnvelopeOf } from '../events/index.js';
import { fiscalYearLabelSchema, type reportFormatSchema, reportPublishedSchema } from '../events/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { BusinessDate, FiscalQuarterNumber } from '../time/index.js';
import { IntegrityError } from './integrity-error.js';
import { assertChainVerified } from './verified-chain.js';

/**
 * How a report was rendered: `'json'`, `'html'`, `'md'`, `'csv'` or `'table'`.
 *
 * @example
 * ```ts
 * const format: ReportFormat = 'html';
 * ```
 */
export type ReportFormat = z.output<typeof reportFormatSchema>;

/**
 * A position in the log and the hash of the event there: the state of the log a report was built from.
 *
 * @example
 * ```ts
 * const { position, hash } = await ledger.head();
 * const basedOn: LogPoint = { position, hash };
 * ```
 */
export interface LogPoint {
  readonly position: number;
  readonly hash: string;
}

/**
 * What {@link publishReport} records.
 *
 * @example
 * ```ts
 * const input: PublishReportInput = { fy: '2023/24', quarter: 3, content: html, format: 'html', generator: '@perfledger/quarter-end@0.1.0' };
 * ```
 */
export interface PublishReportInput {
  /** The financial year's label, such as `'2023/24'` (or `'2023'` for a January-start year). */
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  /** The report exactly as published; a string is hashed as UTF-8. */
  readonly content: string | Uint8Array;
  readonly format: ReportFormat;
  /** What rendered it, with its version: `'@perfledger/quarter-end@0.1.0'`. */
  readonly generator: string;
  /** The log state the report was rendered from; the current head by default. */
  readonly basedOn?: LogPoint;
  /** The publisher's own reference for the report, such as a committee paper number. */
  readonly reportId?: string;
  /** The options the report was rendered with, recorded so that it can be reproduced. */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly note?: string;
  /** The business date of publication; the ledger's today by default. */
  readonly effectiveOn?: BusinessDate;
  readonly actor?: string;
  readonly source?: string;
}

/**
 * A published report as the log records it.
 *
 * @example
 * ```ts
 * const [latest] = (await listPublishedReports(ledger, { fy: '2023/24', quarter: 3 })).slice(-1);
 * console.log(latest?.contentHash, latest?.basedOnPosition);
 * ```
 */
export interface PublishedReport {
  /** The `ReportPublished` event's id and position. */
  readonly eventId: string;
  readonly position: number;
  readonly stream: string;
  readonly recordedAt: string;
  readonly effectiveOn: BusinessDate;
  readonly actor: string | null;
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  readonly basedOnPosition: number;
  readonly basedOnHeadHash: string;
  readonly contentHash: string;
  readonly format: ReportFormat;
  readonly generator: string;
  readonly reportId: string | null;
  /** The rendering options recorded at publication; empty when none were. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly note: string | null;
}

/**
 * Which published reports {@link listPublishedReports} returns; all when empty.
 *
 * @example
 * ```ts
 * const filter: PublishedReportFilter = { fy: '2023/24', quarter: 3 };
 * ```
 */
export interface PublishedReportFilter {
  readonly fy?: string;
  readonly quarter?: FiscalQuarterNumber;
}

/**
 * The SHA-256 of a report's bytes, as lowercase hex. Strings are hashed as UTF-8, so hash
 * exactly the bytes that were published (including any trailing newline).
 *
 * @example
 * ```ts
 * contentHash('hello\n'); // '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03'
 * ```
 */
export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256')
    .update(typeof content === 'string' ? Buffer.from(content, 'utf8') : content)
    .digest('hex');
}

/**
 * The stream that holds a quarter's publications: `report:<fy>-Q<quarter>`.
 *
 * @example
 * ```ts
 * reportStream('2023/24', 3); // 'report:2023/24-Q3'
 * ```
 */
export function reportStream(fy: string, quarter: FiscalQuarterNumber): string {
  return `report:${fy}-Q${quarter}`;
}

/**
 * Records that a quarter-end report was published: the log state it was based on, the SHA-256 of
 * its bytes, and what generated it, as a `ReportPublished` event in the quarter's report stream.
 * Republishing a quarter appends another event to the same stream; nothing is replaced.
 *
 * A publication vouches for the log, so the hash chain is verified first, incrementally from the
 * last verified position (see {@link verifyChainIncrementally}), under the same write lock as
 * the append: a log edited behind the library's back is never published from.
 *
 * @throws ValidationError for a malformed year, quarter, format or generator;
 *   VerificationFailedError (nothing written) when the chain does not verify;
 *   IntegrityError `REPORT_BASIS_INVALID` when `basedOn` is not a state of this log.
 * @example
 * ```ts
 * const head = await ledger.head();
 * const html = await renderQuarterEnd(ledger, { fy: '2023/24', quarter: 3, knownAt: { position: head.position } });
 * await publishReport(ledger, {
 *   fy: '2023/24', quarter: 3, content: html, format: 'html',
 *   generator: '@perfledger/quarter-end@0.1.0', basedOn: { position: head.position, hash: head.hash },
 *   actor: 'performance.team',
 * });
 * ```
 */
export async function publishReport(ledger: Ledger, input: PublishReportInput): Promise<PublishedReport> {
  const fy = fiscalYearLabelSchema.safeParse(input.fy);
  if (!fy.success) throw validationErrorFromZod('The report was not published', fy.error);
  const result = await ledger.transaction(async () => {
    // Verified under the write lock, so nothing can change between the check and the append.
    await assertChainVerified(ledger, `publish the ${fy.data} Q${String(input.quarter)} report`);
    const head = await ledger.head();
    const basedOn = input.basedOn ?? { position: head.position, hash: head.hash };
    await checkBasis(ledger, basedOn);
    const data = {
      fy: fy.data,
      quarter: input.quarter,
      basedOnPosition: basedOn.position,
      basedOnHeadHash: basedOn.hash,
      contentHash: contentHash(input.content),
      format: input.format,
      generator: input.generator,
      ...(input.reportId === undefined ? {} : { reportId: input.reportId }),
      ...(input.parameters === undefined ? {} : { parameters: { ...input.parameters } }),
      ...(input.note === undefined ? {} : { note: input.note }),
    };
    const parsed = reportPublishedSchema.safeParse(data);
    if (!parsed.success) throw validationErrorFromZod('The report was not published', parsed.error);
    return await ledger.append(
      reportStream(parsed.data.fy, parsed.data.quarter),
      [{ type: 'ReportPublished', effectiveOn: input.effectiveOn ?? ledger.today(), data: parsed.data }],
      {
        expectedVersion: 'any',
        ...(input.actor === undefined ? {} : { actor: input.actor }),
        ...(input.source === undefined ? {} : { source: input.source }),
      },
    );
  });
  return toPublishedReport(result.events[0] as EnvelopeOf<'ReportPublished'>);
}

/**
 * Every published report in log order, optionally of one year and quarter. A quarter published
 * twice (a correction) appears twice; the later one is the current publication.
 *
 * @example
 * ```ts
 * for (const report of await listPublishedReports(ledger, { fy: '2023/24' })) {
 *   console.log(`Q${report.quarter}`, report.recordedAt, report.contentHash.slice(0, 12));
 * }
 * ```
 */
export async function listPublishedReports(
  ledger: Ledger,
  filter: PublishedReportFilter = {},
): Promise<PublishedReport[]> {
  const reports: PublishedReport[] = [];
  for await (const event of ledger.readAll({ types: ['ReportPublished'] })) {
    if (event.type !== 'ReportPublished') continue;
    if (filter.fy !== undefined && event.data.fy !== filter.fy) continue;
    if (filter.quarter !== undefined && event.data.quarter !== filter.quarter) continue;
    reports.push(toPublishedReport(event));
  }
  return reports;
}

/**
 * What {@link verifyPublishedReport} found.
 *
 * @example
 * ```ts
 * const check: PublishedReportCheck = await verifyPublishedReport(ledger, report, rerendered);
 * ```
 */
export interface PublishedReportCheck {
  readonly ok: boolean;
  /** The log still holds the state the report was based on. */
  readonly basisInLog: boolean;
  /** The given bytes hash to the published content hash. */
  readonly contentMatches: boolean;
  readonly contentHash: string;
  /** One sentence saying what matched, or what did not. */
  readonly message: string;
}

/**
 * Checks a re-rendered (or archived) report against its publication record: the bytes must hash
 * to the recorded content hash, and the log must still hold the state it was based on (the event
 * at `basedOnPosition` must still hash to `basedOnHeadHash`). The hash chain is verified first,
 * incrementally from the last verified position (a read-only ledger reads the stored mark and
 * writes nothing): a match against a log edited behind the library's back would mean nothing.
 * An edit before the verified mark is found by the full verification (`ledger.verify()`,
 * `verifyLedger`, `perfledger verify`), which an auditor should run too.
 *
 * @throws VerificationFailedError when the chain does not verify.
 * @example
 * ```ts
 * const report = (await listPublishedReports(ledger, { fy: '2023/24', quarter: 3 })).at(-1)!;
 * const check = await verifyPublishedReport(ledger, report, readFileSync('q3-report.html'));
 * if (!check.ok) console.error(check.message);
 * ```
 */
export async function verifyPublishedReport(
  ledger: Ledger,
  report: PublishedReport,
  content: string | Uint8Array,
): Promise<PublishedReportCheck> {
  await assertChainVerified(ledger, `reproduce the ${report.fy} Q${report.quarter} report`);
  const hash = contentHash(content);
  const stored = await ledger.store.hashAt(report.basedOnPosition);
  const basisInLog = stored === report.basedOnHeadHash;
  const contentMatches = hash === report.contentHash;
  const name = `The ${report.fy} Q${report.quarter} report published at position ${report.position}`;
  const problems: string[] = [];
  if (!contentMatches) {
    problems.push(
      `the content given hashes to ${hash.slice(0, 12)}…, not the published ${report.contentHash.slice(0, 12)}…`,
    );
  }
  if (!basisInLog) {
    problems.push(
      stored === undefined
        ? `the log no longer has the event at position ${report.basedOnPosition} it was based on`
        : `the event at position ${report.basedOnPosition} it was based on now hashes to ${stored.slice(0, 12)}…, not ${report.basedOnHeadHash.slice(0, 12)}…`,
    );
  }
  return Object.freeze({
    ok: problems.length === 0,
    basisInLog,
    contentMatches,
    contentHash: hash,
    message:
      problems.length === 0
        ? `${name} matches: same content, and the log still holds the state at position ${report.basedOnPosition} it was based on.`
        : `${name} does not match: ${problems.join('; and ')}.`,
  });
}

async function checkBasis(ledger: Ledger, basedOn: LogPoint): Promise<void> {
  const { position, hash } = basedOn;
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new IntegrityError(
      'REPORT_BASIS_INVALID',
      `basedOn.position ${String(position)} is not a log position.`,
    );
  }
  const stored = await ledger.store.hashAt(position);
  if (stored === undefined) {
    throw new IntegrityError(
      'REPORT_BASIS_INVALID',
      `The report is said to be based on position ${position}, but the log ends at ${(await ledger.head()).position}.`,
    );
  }
  if (stored !== hash) {
    throw new IntegrityError(
      'REPORT_BASIS_INVALID',
      `The report is said to be based on position ${position} with head hash ${String(hash).slice(0, 12)}…, but the event there hashes to ${stored.slice(0, 12)}….`,
    );
  }
}

function toPublishedReport(event: EnvelopeOf<'ReportPublished'>): PublishedReport {
  const { data } = event;
  return Object.freeze({
    eventId: event.eventId,
    position: event.position,
    stream: event.stream,
    recordedAt: event.recordedAt,
    effectiveOn: event.effectiveOn,
    actor: event.actor,
    fy: data.fy,
    quarter: data.quarter,
    basedOnPosition: data.basedOnPosition,
    basedOnHeadHash: data.basedOnHeadHash,
    contentHash: data.contentHash,
    format: data.format,
    generator: data.generator,
    reportId: data.reportId ?? null,
    parameters: Object.freeze({ ...(data.parameters ?? {}) }),
    note: data.note ?? null,
  });
}
