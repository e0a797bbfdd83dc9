import {
  assertChainVerified,
  type FiscalQuarterNumber,
  type Ledger,
  LedgerError,
  listPublishedReports,
  type PublishedReport,
  publishReport,
  revealHiddenCharacters,
  verifyPublishedReport,
} from '@perfledger/core';
import { type QuarterEndItem, restatementReport, restatements } from '@perfledger/quarter-end';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CliIo } from '../io.js';
import { emit } from '../output/emit.js';
import { forceOption, outOption, prepareOutput } from '../output/output-target.js';
import { renderJson, renderRows } from '../output/render-rows.js';
import { CLI_VERSION } from '../program-version.js';
import { catchUpProjections } from '../projections.js';
import {
  type GroupBy,
  parametersToRecord,
  type QuarterReportFormat,
  type QuarterReportParameters,
} from '../report/quarter-report-parameters.js';
import { renderQuarterReport } from '../report/render-quarter-report.js';
import { UsageError } from '../usage-error.js';
import { knownAtOption, parseKnownAt } from './basis-option.js';
import { FORMATS, formatOption, openForReading, openForWriting, using } from './common.js';
import { prepareReportProof } from './proof-command.js';

const GENERATOR = `@perfledger/cli@${CLI_VERSION}`;

const REF_HELP =
  "the report: its --report-id as published, its event id (or a prefix of 8+ characters), or the position of its ReportPublished event (see 'perfledger report list')";

interface QuarterOptions {
  fy: string;
  quarter: string;
  knownAt?: string;
  by?: GroupBy;
  format: QuarterReportFormat;
  out?: string;
  force?: boolean;
  warningDays: string;
  publish: boolean;
  actor?: string;
  reportId?: string;
  allowUnapproved: boolean;
  proofKey?: string;
}

/** A published report could not be reproduced byte for byte. */
export class ReportMismatchError extends LedgerError {
  constructor(message: string) {
    super('REPORT_MISMATCH', message);
  }
}

/**
 * `perfledger report …`: the quarter-end report (and publishing it), the list of published
 * reports, reproducing one, and what has been restated since.
 */
export function registerReportCommand(program: Command, io: CliIo): void {
  const report = program
    .command('report')
    .description('quarter-end reports: print, publish, list, reproduce, restatements');

  report
    .command('quarter')
    .description('the quarter-end report: counts by reported and derived status, actions, exceptions')
    .requiredOption('--fy <year>', 'financial year, e.g. 2023/24')
    .requiredOption('--quarter <n>', 'quarter of the financial year: 1, 2, 3 or 4')
    .addOption(knownAtOption())
    .addOption(
      new Option('--by <group>', 'also break the counts down by').choices(['plan', 'directorate', 'section']),
    )
    .addOption(formatOption([...FORMATS, 'html']))
    .addOption(outOption())
    .addOption(forceOption())
    .option('--warning-days <n>', 'derived status is Warning this many days before the due date', '30')
    .option(
      '--publish',
      'record a ReportPublished event with the content hash, so it can be reproduced',
      false,
    )
    .option('--actor <name>', 'who publishes (with --publish)')
    .option('--report-id <ref>', 'your reference for the published report, e.g. a committee paper number')
    .option(
      '--allow-unapproved',
      'publish (with --publish) although a plan’s return for the quarter is not approved; the report says so',
      false,
    )
    .option(
      '--proof-key <file>',
      "with --publish and --out: sign a checkpoint with this private key and write the report's offline proof bundle to <out>.proof.json",
    )
    .action(async (options: QuarterOptions, command: Command) => {
      const target = prepareOutput(command, io, options);
      const proofBundle = prepareReportProof(command, io, options);
      const quarter = parseQuarter(options.quarter);
      const warningWindowDays = Number(options.warningDays);
      if (!Number.isSafeInteger(warningWindowDays) || warningWindowDays < 0) {
        throw new UsageError(`--warning-days must be a whole number ≥ 0, not '${options.warningDays}'.`);
      }
      const knownAt = parseKnownAt(options.knownAt);
      // Publishing opens in catch-up mode, so that the chain is checked before the projections
      // are touched: a broken log is never published from, and nothing is written.
      const opening = options.publish
        ? openForWriting(command, io, { projectionMode: 'catch-up' })
        : openForReading(command, io);
      await using(opening, async (ledger) => {
        if (options.publish) {
          // Before anything is rendered or written: a broken log is never published from.
          await assertChainVerified(ledger, `publish the ${options.fy} Q${quarter} report`);
          await catchUpProjections(ledger, io);
        }
        const parameters: QuarterReportParameters = {
          fy: options.fy,
          quarter,
          format: options.format,
          by: options.by,
          warningWindowDays,
          basis: knownAt === undefined ? { kind: 'now' } : { kind: 'known-at', knownAt },
          position: knownAt === undefined ? (await ledger.head()).position : await ledger.positionAt(knownAt),
        };
        const rendered = await renderQuarterReport(ledger, parameters, GENERATOR);
        const unapproved = rendered.view.signOff.filter((s) => s.state !== 'approved');
        if (options.publish && unapproved.length > 0 && !options.allowUnapproved) {
          // Before anything is written: the data-quality policy asks for sign-off first.
          throw new UsageError(
            `The ${rendered.view.fy} Q${quarter} return is not approved for ${unapproved
              .map((s) => `'${s.plan}' (${s.state})`)
              .join(
                ', ',
              )}; approve it first (perfledger return approve), or publish with --allow-unapproved. Nothing was published.`,
          );
        }
        emit(io, rendered.content, target);
        if (options.publish) {
          const published = await publishReport(ledger, {
            fy: rendered.view.fy,
            quarter,
            content: rendered.content,
            format: options.format,
            generator: GENERATOR,
            basedOn: { position: parameters.position, hash: rendered.headHash },
            parameters: parametersToRecord(parameters),
            ...(options.reportId === undefined ? {} : { reportId: options.reportId }),
            ...(options.actor === undefined ? {} : { actor: options.actor }),
            ...(unapproved.length === 0
              ? {}
              : {
                  note: `Published with returns not approved: ${unapproved.map((s) => `${s.plan} (${s.state})`).join('; ')}.`.slice(
                    0,
                    10_000,
                  ),
                }),
            source: 'cli',
          });
          // The projections follow the log up to the ReportPublished event, so reads at the head find them ready.
          await catchUpProjections(ledger, io);
          await proofBundle?.write(ledger, published.position);
          io.stderr(
            `Published ${published.fy} Q${published.quarter} as report ${published.eventId} (position ${published.position}${published.reportId === null ? '' : `, report id ${revealHiddenCharacters(published.reportId)}`}); content hash ${published.contentHash}.\n` +
              (unapproved.length === 0
                ? ''
                : `Published WITHOUT APPROVAL of the return of ${unapproved.map((s) => `'${s.plan}' (${s.state})`).join(', ')}; the report and its publication record say so.\n`),
          );
        }
      });
    });

  report
    .command('list')
    .description('every published report, in the order it was published')
    .addOption(formatOption())
    .action(async (options: { format: 'table' | 'json' | 'csv' | 'md' }, command: Command) => {
      await using(openForReading(command, io), async (ledger) => {
        const reports = await listPublishedReports(ledger);
        if (options.format === 'json') return emit(io, renderJson(reports));
        emit(
          io,
          renderRows(
            options.format,
            [
              { header: 'Event id' },
              { header: 'Report id' },
              { header: 'Quarter' },
              { header: 'Format' },
              { header: 'Based on', align: 'right' },
              { header: 'Published (UTC)' },
              { header: 'By' },
              { header: 'Content hash' },
            ],
            reports.map((r) => [
              r.eventId,
              r.reportId === null ? '-' : revealHiddenCharacters(r.reportId),
              `${r.fy} Q${r.quarter}`,
              r.format,
              String(r.basedOnPosition),
              r.recordedAt.slice(0, 19).replace('T', ' '),
              r.actor ?? '-',
              r.contentHash.slice(0, 16),
            ]),
          ),
        );
      });
    });

  report
    .command('reproduce')
    .description('render a published report again from the log and compare content hashes')
    .argument('<ref>', REF_HELP)
    .addOption(outOption('also write the reproduced report to a file'))
    .addOption(forceOption())
    .action(async (id: string, options: { out?: string; force?: boolean }, command: Command) => {
      const target = prepareOutput(command, io, options);
      await using(openForReading(command, io), async (ledger) => {
        const published = await findReport(ledger, id);
        const rendered = await renderQuarterReport(ledger, parametersOf(published), published.generator);
        // Verifies the chain first: on a broken log it refuses before anything is written.
        const check = await verifyPublishedReport(ledger, published, rendered.content);
        if (target !== undefined) emit(io, rendered.content, target);
        if (!check.ok) throw new ReportMismatchError(check.message);
        io.stdout(`${revealHiddenCharacters(check.message)}\nContent hash ${check.contentHash}.\n`);
      });
    });

  report
    .command('restatement')
    .description('what has changed about a published quarter since it was published')
    .argument('<ref>', REF_HELP)
    .addOption(formatOption())
    .addOption(outOption())
    .addOption(forceOption())
    .action(
      async (
        id: string,
        options: { format: 'table' | 'json' | 'csv' | 'md'; out?: string; force?: boolean },
        command: Command,
      ) => {
        const target = prepareOutput(command, io, options);
        await using(openForReading(command, io), async (ledger) => {
          const published = await findReport(ledger, id);
          const list = await restatements(ledger, {
            fy: published.fy,
            quarter: published.quarter,
            knownAt: { position: published.basedOnPosition },
            warningWindowDays: Number(published.parameters.warningWindowDays ?? 30),
          });
          if (options.format === 'json') return emit(io, renderJson(list), target);
          const rows = list.items.flatMap((item) =>
            item.events.length === 0
              ? [[item.code, item.kind, item.fields.join(', '), '', '', '']]
              : item.events.map((event, i) => [
                  i === 0 ? item.code : '',
                  i === 0 ? item.kind : '',
                  i === 0 ? item.fields.join(', ') : '',
                  String(event.position),
                  event.recordedAt.slice(0, 16).replace('T', ' '),
                  event.description,
                ]),
          );
          const header =
            options.format === 'csv'
              ? ''
              : `Restatements of ${list.fy} Q${list.quarter} since the report published at position ${published.position} (based on position ${published.basedOnPosition}): ${list.items.length} action(s) changed.\n\n`;
          emit(
            io,
            header +
              renderRows(
                options.format,
                [
                  { header: 'Action' },
                  { header: 'Change' },
                  { header: 'Fields' },
                  { header: 'Position', align: 'right' },
                  { header: 'Recorded (UTC)' },
                  { header: 'What happened' },
                ],
                rows,
              ),
            target,
          );
        });
      },
    );

  report
    .command('restatements')
    .description(
      'every quarter of a year as known at a cut-off against as now known: what changed for which quarter',
    )
    .requiredOption('--fy <year>', 'financial year, e.g. 2019/20')
    .requiredOption(
      '--known-at <instant>',
      'the cut-off: an ISO instant, a date (its end, UTC), or a log position',
    )
    .addOption(formatOption())
    .addOption(outOption())
    .addOption(forceOption())
    .action(
      async (
        options: {
          fy: string;
          knownAt: string;
          format: 'table' | 'json' | 'csv' | 'md';
          out?: string;
          force?: boolean;
        },
        command: Command,
      ) => {
        const target = prepareOutput(command, io, options);
        const knownAt = /^\d+$/.test(options.knownAt)
          ? { position: Number(options.knownAt) }
          : options.knownAt;
        await using(openForReading(command, io), async (ledger) => {
          const result = await restatementReport(ledger, { fy: options.fy, knownAt });
          if (options.format === 'json') return emit(io, renderJson(result), target);
          const rows = result.quarters.flatMap((list) =>
            list.items.flatMap((item) =>
              item.fields.map((field) => [
                `Q${list.quarter}`,
                item.code,
                item.kind,
                field,
                shown(item.asKnownThen, field),
                shown(item.asNowKnown, field),
              ]),
            ),
          );
          const header =
            options.format === 'csv'
              ? ''
              : `Restatements of ${result.fy} as known at ${options.knownAt} against as now known: ${
                  result.restated.length === 0
                    ? 'no quarter restated'
                    : `restated ${result.restated.map((q) => `Q${q}`).join(', ')}`
                }.\n\n`;
          emit(
            io,
            header +
              renderRows(
                options.format,
                [
                  { header: 'Quarter' },
                  { header: 'Action' },
                  { header: 'Change' },
                  { header: 'Field' },
                  { header: 'As known then' },
                  { header: 'As now known' },
                ],
                rows,
              ),
            target,
          );
        });
      },
    );
}

/** One field of a report line as the restatement table prints it. */
function shown(item: QuarterEndItem | null, field: keyof QuarterEndItem): string {
  if (item === null) return '-';
  const value = item[field];
  if (value === null) return '-';
  if (typeof value === 'object')
    return 'text' in value ? value.text : `${value.outcome} ${value.effectiveOn}`;
  return String(value);
}

function parseQuarter(text: string): FiscalQuarterNumber {
  const quarter = Number(text.replace(/^q/i, ''));
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) {
    throw new UsageError(`--quarter must be 1, 2, 3 or 4, not '${text}'.`);
  }
  return quarter;
}

/**
 * The published report a reference names: the `--report-id` it was published with, its event id
 * (or a prefix of at least 8 characters), or its position. A reference that names two different
 * reports is refused, listing them.
 */
async function findReport(ledger: Ledger, ref: string): Promise<PublishedReport> {
  const reports = await listPublishedReports(ledger);
  const found = reports.filter(
    (r) =>
      r.reportId === ref ||
      r.eventId === ref ||
      (ref.length >= 8 && r.eventId.startsWith(ref)) ||
      (/^\d+$/.test(ref) && r.position === Number(ref)),
  );
  if (found.length === 0) {
    throw new UsageError(
      `No published report '${ref}'. ${reports.length === 0 ? 'None has been published yet.' : "List them with 'perfledger report list'."}`,
    );
  }
  if (found.length > 1) {
    throw new UsageError(
      `'${ref}' names ${found.length} published reports (${found.map((r) => `position ${r.position}, event ${r.eventId}`).join('; ')}); give the event id or the position.`,
    );
  }
  return found[0]!;
}

function parametersOf(report: PublishedReport): QuarterReportParameters {
  const p = report.parameters;
  const by = p.by === 'plan' || p.by === 'directorate' || p.by === 'section' ? p.by : undefined;
  return {
    fy: report.fy,
    quarter: report.quarter,
    format: report.format,
    by,
    warningWindowDays: Number(p.warningWindowDays ?? 30),
    basis:
      p.basis === 'known-at' && p.knownAt !== undefined
        ? { kind: 'known-at', knownAt: p.knownAt }
        : { kind: 'now' },
    position: report.basedOnPosition,
  };
}
