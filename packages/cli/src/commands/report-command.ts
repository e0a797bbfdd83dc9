import { findBrowser } from '@perfledger/committee-report/pdf';
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
import {
  type QuarterEndItem,
  quarterEndView,
  restatementReport,
  restatements,
} from '@perfledger/quarter-end';
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadConfigFile } from '../config/config-file.js';
import type { ReportConfig } from '../config/report-config.js';
import { statusStylesOf } from '../config/status-keys-config.js';
import type { CliIo } from '../io.js';
import { emit } from '../output/emit.js';
import { emitFile } from '../output/emit-file.js';
import { bomOption, forceOption, outOption, prepareOutput } from '../output/output-target.js';
import { renderJson, renderRows } from '../output/render-rows.js';
import { emitXlsx, requireXlsxTarget } from '../output/xlsx-output.js';
import { quarterReportSheets } from '../output/xlsx-quarter-report.js';
import { restatementSheet, restatementsSheet } from '../output/xlsx-restatements.js';
import { CLI_VERSION } from '../program-version.js';
import { catchUpProjections } from '../projections.js';
import {
  type AppendixBy,
  type GroupBy,
  parametersToRecord,
  type QuarterReportFormat,
  type QuarterReportParameters,
  reportOptionsFromRecord,
} from '../report/quarter-report-parameters.js';
import { type QuarterReportStyle, renderQuarterReport } from '../report/render-quarter-report.js';
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
  format: QuarterReportFormat | 'xlsx';
  out?: string;
  force?: boolean;
  warningDays: string;
  publish: boolean;
  actor?: string;
  reportId?: string;
  allowUnapproved: boolean;
  organisation?: string;
  committee?: string;
  meetingDate?: string;
  author?: string;
  contact?: string;
  plan?: string[];
  appendixBy?: AppendixBy;
  headline?: string;
  browser?: string;
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
    .addOption(formatOption([...FORMATS, 'html', 'pdf', 'xlsx']))
    .addOption(outOption())
    .addOption(forceOption())
    .addOption(bomOption())
    .option('--organisation <name>', 'title block: the organisation (config: report.organisation)')
    .option('--committee <name>', 'title block: the committee, e.g. Cabinet (config: report.committee)')
    .option('--meeting-date <date>', 'title block: the meeting date, YYYY-MM-DD (config: report.meetingDate)')
    .option('--author <text>', 'title block: who the report is from (config: report.author)')
    .option('--contact <text>', 'title block: whom to ask, e.g. name and telephone (config: report.contact)')
    .option(
      '--plan <name>',
      "print only this plan's appendix (repeatable); the summary still covers every plan",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .addOption(
      new Option(
        '--appendix-by <group>',
        'group each plan appendix by (default section; config: report.appendixBy)',
      ).choices(['directorate', 'section', 'none']),
    )
    .option(
      '--headline <template>',
      'the headline sentence, with {percent}, {count}, {total} (config: report.headline.template)',
    )
    .option(
      '--browser <path>',
      'the Chromium that prints --format pdf (default: PERFLEDGER_BROWSER, else chromium on PATH)',
    )
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
      const workbook = options.format === 'xlsx' ? requireXlsxTarget(target) : undefined;
      if (workbook !== undefined && options.publish) {
        throw new UsageError(
          'A workbook is an export, not a publishable report: publish the report as html, md, csv or json (--format), and export the workbook without --publish. Nothing was published.',
        );
      }
      const proofBundle = prepareReportProof(command, io, options);
      const quarter = parseQuarter(options.quarter);
      const warningWindowDays = Number(options.warningDays);
      const report = reportOptionsOf(
        options,
        loadConfigFile(command.optsWithGlobals<{ config?: string }>().config, io.cwd).report,
      );
      if (options.format === 'pdf') {
        if (target === undefined)
          throw new UsageError('--format pdf writes a file: give it with --out FILE.pdf.');
        if (options.publish) {
          throw new UsageError(
            'A PDF cannot be published: Chromium stamps it with the time it was made, so it cannot be reproduced byte for byte. Publish the HTML (--format html) and print that. Nothing was published.',
          );
        }
      }
      // Before the ledger is opened: with no browser, nothing is read or written.
      const browser =
        options.format === 'pdf'
          ? findBrowser({ browser: options.browser, env: process.env, cwd: io.cwd })
          : undefined;
      if (!Number.isSafeInteger(warningWindowDays) || warningWindowDays < 0) {
        throw new UsageError(`--warning-days must be a whole number ≥ 0, not '${options.warningDays}'.`);
      }
      const knownAt = parseKnownAt(options.knownAt);
      if (workbook !== undefined) {
        await using(openForReading(command, io), async (ledger) => {
          const position =
            knownAt === undefined ? (await ledger.head()).position : await ledger.positionAt(knownAt);
          const view = await quarterEndView(ledger, {
            fy: options.fy,
            quarter,
            knownAt: { position },
            warningWindowDays,
          });
          const basis = { position, knownAt: options.knownAt, generator: GENERATOR };
          await emitXlsx(io, quarterReportSheets(view, options.by, basis), workbook);
        });
        return;
      }
      const format = options.format as QuarterReportFormat;
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
          format,
          // The summary table is per plan unless asked otherwise, as councils print it; JSON and CSV keep their shape.
          by: options.by ?? (format === 'json' || format === 'csv' ? undefined : 'plan'),
          warningWindowDays,
          ...report,
          basis: knownAt === undefined ? { kind: 'now' } : { kind: 'known-at', knownAt },
          position: knownAt === undefined ? (await ledger.head()).position : await ledger.positionAt(knownAt),
        };
        const rendered = await renderQuarterReport(ledger, parameters, GENERATOR, {
          style: configuredStyle(command, io),
          ...(browser === undefined ? {} : { browser }),
        });
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
        if (rendered.pdf !== undefined && target !== undefined) emitFile(io, rendered.pdf, target);
        else emit(io, rendered.content, target);
        if (options.publish) {
          const published = await publishReport(ledger, {
            fy: rendered.view.fy,
            quarter,
            content: rendered.content,
            format: format === 'pdf' ? 'html' : format,
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
        const rendered = await renderQuarterReport(ledger, parametersOf(published), published.generator, {
          style: configuredStyle(command, io),
        });
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
    .addOption(formatOption([...FORMATS, 'xlsx']))
    .addOption(outOption())
    .addOption(forceOption())
    .addOption(bomOption())
    .action(
      async (
        id: string,
        options: { format: 'table' | 'json' | 'csv' | 'md' | 'xlsx'; out?: string; force?: boolean },
        command: Command,
      ) => {
        const target = prepareOutput(command, io, options);
        const workbook = options.format === 'xlsx' ? requireXlsxTarget(target) : undefined;
        await using(openForReading(command, io), async (ledger) => {
          const published = await findReport(ledger, id);
          const list = await restatements(ledger, {
            fy: published.fy,
            quarter: published.quarter,
            knownAt: { position: published.basedOnPosition },
            warningWindowDays: Number(published.parameters.warningWindowDays ?? 30),
          });
          if (workbook !== undefined) return emitXlsx(io, [restatementSheet(list)], workbook);
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
                options.format as 'table' | 'csv' | 'md',
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
    .addOption(formatOption([...FORMATS, 'xlsx']))
    .addOption(outOption())
    .addOption(forceOption())
    .addOption(bomOption())
    .action(
      async (
        options: {
          fy: string;
          knownAt: string;
          format: 'table' | 'json' | 'csv' | 'md' | 'xlsx';
          out?: string;
          force?: boolean;
        },
        command: Command,
      ) => {
        const target = prepareOutput(command, io, options);
        const workbook = options.format === 'xlsx' ? requireXlsxTarget(target) : undefined;
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
          if (workbook !== undefined) return emitXlsx(io, [restatementsSheet(rows)], workbook);
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
                options.format as 'table' | 'csv' | 'md',
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

/** The colours the config file's status keys give their values, for the HTML report. */
function configuredStyle(command: Command, io: CliIo): QuarterReportStyle {
  const { config } = command.optsWithGlobals<{ config?: string }>();
  const colours = statusStylesOf(loadConfigFile(config, io.cwd).statusKeys ?? []).colours;
  return Object.keys(colours).length === 0 ? {} : { statusColours: colours };
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

/** The report options: each CLI option wins over the config file's `report` section. */
function reportOptionsOf(
  options: QuarterOptions,
  config: ReportConfig | undefined,
): Pick<QuarterReportParameters, 'title' | 'plans' | 'appendixBy' | 'headline'> {
  if (options.meetingDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.meetingDate)) {
    throw new UsageError(`--meeting-date must be a date YYYY-MM-DD, not '${options.meetingDate}'.`);
  }
  for (const [name, value] of [
    ['--organisation', options.organisation],
    ['--committee', options.committee],
    ['--author', options.author],
    ['--contact', options.contact],
    ['--headline', options.headline],
    ...(options.plan ?? []).map((plan) => ['--plan', plan] as const),
  ] as const) {
    if (value !== undefined && (value.trim() === '' || value.length > 200)) {
      throw new UsageError(
        `${name} must be 1 to 200 characters, not ${value.length === 0 ? 'empty' : `${value.length} long`}.`,
      );
    }
  }
  const pick = (cli: string | undefined, file: string | undefined) => cli ?? file;
  const template = pick(options.headline, config?.headline?.template);
  const statuses = config?.headline?.statuses;
  return {
    title: {
      organisation: pick(options.organisation, config?.organisation),
      committee: pick(options.committee, config?.committee),
      meetingDate: pick(options.meetingDate, config?.meetingDate),
      author: pick(options.author, config?.author),
      contact: pick(options.contact, config?.contact),
    },
    ...(options.plan === undefined ? {} : { plans: options.plan }),
    ...(pick(options.appendixBy, config?.appendixBy) === undefined
      ? {}
      : { appendixBy: pick(options.appendixBy, config?.appendixBy) as AppendixBy }),
    ...(template === undefined && statuses === undefined
      ? {}
      : {
          headline: {
            ...(template === undefined ? {} : { template }),
            ...(statuses === undefined ? {} : { statuses }),
          },
        }),
  };
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
    ...reportOptionsFromRecord(p),
  };
}
