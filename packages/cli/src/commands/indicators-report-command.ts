import { renderIndicatorDocument } from '@perfledger/committee-report';
import { formatIndicatorFigure, formatIndicatorTargetFigure } from '@perfledger/import';
import { type IndicatorItem, type IndicatorView, indicatorView } from '@perfledger/indicators';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { emit } from '../output/emit.js';
import { forceOption, outOption, prepareOutput } from '../output/output-target.js';
import { renderJson, renderRows } from '../output/render-rows.js';
import { knownAtOption, parseKnownAt } from './basis-option.js';
import { FORMATS, formatOption, openForReading, using } from './common.js';
import { indicatorSectionOf } from './indicators-section.js';

interface IndicatorReportOptions {
  period: string;
  knownAt?: string;
  by?: 'plan' | 'directorate' | 'section';
  plan?: string;
  format: 'table' | 'json' | 'csv' | 'md' | 'html';
  out?: string;
  force?: boolean;
}

const ITEM_COLUMNS = [
  { header: 'Code' },
  { header: 'Indicator' },
  { header: 'Value', align: 'right' as const },
  { header: 'Target', align: 'right' as const },
  { header: 'Met' },
  { header: 'Previous', align: 'right' as const },
  { header: 'Direction' },
  { header: 'Reported' },
  { header: 'Derived' },
];

function met(item: IndicatorItem): string {
  return item.targetMet === null ? '—' : item.targetMet ? 'yes' : 'no';
}

function itemRow(item: IndicatorItem): string[] {
  return [
    item.code,
    item.title.length > 48 ? `${item.title.slice(0, 47)}…` : item.title,
    item.quality === 'missing' ? 'missing' : (formatIndicatorFigure(item.value, item.unit) ?? '—'),
    formatIndicatorTargetFigure(item.target, item.unit) ?? '—',
    met(item),
    formatIndicatorFigure(item.previous, item.unit) ?? '—',
    item.direction ?? '—',
    item.status ?? '—',
    item.derivedStatus ?? '—',
  ];
}

function basisLine(view: IndicatorView): string {
  const basis =
    view.basis.kind === 'now'
      ? 'as now known'
      : `as known at ${view.basis.knownAt ?? `position ${view.basis.position}`}`;
  return `Indicators ${view.period} (${view.periodStart} to ${view.periodEnd}), ${basis} (ledger position ${view.basis.position})`;
}

/** The report for people: counts, groups, every indicator, then the disagreements. */
function summary(format: 'table' | 'md', view: IndicatorView): string {
  const heading = (text: string) => (format === 'md' ? `## ${text}\n\n` : `${text}\n\n`);
  const counts = Object.entries(view.counts).filter(([, n]) => n > 0);
  const parts = [
    format === 'md' ? `# ${basisLine(view)}\n\n` : `${basisLine(view)}\n\n`,
    heading('By status (reported, else derived from the figures)'),
    renderRows(
      format,
      [{ header: 'Status' }, { header: 'Indicators', align: 'right' }],
      [...counts.map(([status, n]) => [status, String(n)]), ['Total', String(view.total)]],
    ),
  ];
  if (view.groups !== null) {
    const statuses = counts.map(([status]) => status);
    parts.push(
      `\n${heading('By group')}`,
      renderRows(
        format,
        [
          { header: 'Group' },
          ...statuses.map((s) => ({ header: s, align: 'right' as const })),
          { header: 'Total', align: 'right' },
        ],
        view.groups.map((group) => [
          group.name,
          ...statuses.map((s) => String(group.counts[s] ?? 0)),
          String(group.total),
        ]),
      ),
    );
  }
  parts.push(`\n${heading('Indicators')}`, renderRows(format, ITEM_COLUMNS, view.items.map(itemRow)));
  parts.push(`\n${heading(`Reported status disagrees with the figures (${view.disagreements.length})`)}`);
  parts.push(
    view.disagreements.length === 0
      ? 'None: every reported status agrees with the figures.\n'
      : `${view.disagreements.map((d) => `${format === 'md' ? '- ' : ''}${d.code}: ${d.reason}`).join('\n')}\n`,
  );
  return parts.join('');
}

/** `perfledger indicators report --period PERIOD`: the indicator report for a period. */
export function registerIndicatorsReportCommand(indicators: Command, io: CliIo): void {
  indicators
    .command('report')
    .description(
      'the indicator report for a period: value, target, direction, reported and derived status, disagreements',
    )
    .requiredOption(
      '--period <period>',
      'a quarter (2019/20 Q1, Q1 2019/20), a financial year (2018/19) or a month (2019-06, June 2019)',
    )
    .addOption(knownAtOption())
    .addOption(new Option('--by <group>', 'also count by').choices(['plan', 'directorate', 'section']))
    .option('--plan <name>', 'only the indicators of this plan')
    .addOption(formatOption([...FORMATS, 'html']))
    .addOption(outOption())
    .addOption(forceOption())
    .action(async (options: IndicatorReportOptions, command: Command) => {
      const target = prepareOutput(command, io, options);
      const knownAt = parseKnownAt(options.knownAt);
      await using(openForReading(command, io), async (ledger) => {
        const view = await indicatorView(ledger, {
          period: options.period,
          ...(knownAt === undefined ? {} : { knownAt }),
          ...(options.by === undefined ? {} : { by: options.by }),
          ...(options.plan === undefined ? {} : { plan: options.plan }),
        });
        let content: string;
        if (options.format === 'json') content = renderJson(view);
        else if (options.format === 'csv') content = renderRows('csv', ITEM_COLUMNS, view.items.map(itemRow));
        else if (options.format === 'html') {
          content = renderIndicatorDocument(await indicatorSectionOf(ledger, view), {
            title: `Indicators ${view.period}`,
            basis: basisLine(view),
          });
        } else content = summary(options.format, view);
        emit(io, content, target);
      });
    });
}
