import {
  type AuditField,
  auditFields,
  csvCell,
  type IndicatorTrailRow,
  indicatorTrail,
  queryTrail,
  type TrailFilter,
  trailToCsv,
} from '@perfledger/audit-trail';
import { type EventType, eventTypes } from '@perfledger/core';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { emit } from '../output/emit.js';
import { forceOption, outOption, prepareOutput } from '../output/output-target.js';
import { renderJson, renderRows } from '../output/render-rows.js';
import { knownAtOption, parseKnownAt } from './basis-option.js';
import { formatOption, openForReading, using } from './common.js';

interface TrailOptions {
  field?: AuditField;
  actor?: string;
  type?: EventType;
  from?: string;
  to?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  knownAt?: string;
  format: 'table' | 'json' | 'csv' | 'md';
  out?: string;
  force?: boolean;
}

/** `perfledger trail [CODE]`: the field-level change trail, filtered. */
export function registerTrailCommand(program: Command, io: CliIo): void {
  program
    .command('trail')
    .description('the field-level change trail: who changed what, from what to what, when, and why')
    .argument('[code]', 'one action or indicator (default: every action)')
    .addOption(new Option('--field <field>', 'only this field').choices([...auditFields]))
    .option('--actor <name>', 'only changes recorded by this actor')
    .addOption(new Option('--type <event-type>', 'only this event type').choices([...eventTypes]))
    .option('--from <time>', 'recorded at or after (ISO time, or a date meaning 00:00 UTC)')
    .option('--to <time>', 'recorded at or before (ISO time, or a date meaning the whole day)')
    .option('--effective-from <date>', 'effective on or after (YYYY-MM-DD)')
    .option('--effective-to <date>', 'effective on or before (YYYY-MM-DD)')
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(outOption())
    .addOption(forceOption())
    .action(async (code: string | undefined, options: TrailOptions, command: Command) => {
      const target = prepareOutput(command, io, options);
      const knownAt = parseKnownAt(options.knownAt);
      const filter: TrailFilter = {
        ...(code === undefined ? {} : { code }),
        ...(options.field === undefined ? {} : { field: options.field }),
        ...(options.actor === undefined ? {} : { actor: options.actor }),
        ...(options.type === undefined ? {} : { eventType: options.type }),
        ...(options.from === undefined ? {} : { recordedFrom: options.from }),
        ...(options.to === undefined ? {} : { recordedTo: options.to }),
        ...(options.effectiveFrom === undefined ? {} : { effectiveFrom: options.effectiveFrom }),
        ...(options.effectiveTo === undefined ? {} : { effectiveTo: options.effectiveTo }),
        ...(knownAt === undefined ? {} : { knownAt }),
      };
      await using(openForReading(command, io), async (ledger) => {
        if (
          code !== undefined &&
          (await ledger.resolveActionCode(code)) === undefined &&
          (await ledger.getIndicator(code)) !== undefined
        ) {
          return emitIndicatorTrail(
            io,
            await indicatorTrail(ledger, code, knownAt === undefined ? {} : { knownAt }),
            options,
            target,
          );
        }
        const rows = await queryTrail(ledger, filter);
        if (options.format === 'json') return emit(io, renderJson(rows), target);
        if (options.format === 'csv') return emit(io, trailToCsv(rows), target);
        emit(
          io,
          renderRows(
            options.format,
            [
              { header: 'Pos', align: 'right' },
              { header: 'Recorded (UTC)' },
              { header: 'Effective' },
              { header: 'Actor' },
              { header: 'Action' },
              { header: 'Field' },
              { header: 'Before' },
              { header: 'After' },
              { header: 'Reason' },
            ],
            rows.map((r) => [
              String(r.position),
              r.recordedAt.slice(0, 19).replace('T', ' '),
              r.effectiveOn,
              r.actor ?? '-',
              r.code,
              r.field,
              r.before ?? '-',
              r.after ?? '-',
              truncate(r.reason ?? '', options.format === 'table' ? 60 : Number.POSITIVE_INFINITY),
            ]),
          ),
          target,
        );
      });
    });
}

/** An indicator's trail (see `indicatorTrail`): the action filters do not apply to it. */
function emitIndicatorTrail(
  io: CliIo,
  rows: readonly IndicatorTrailRow[],
  options: TrailOptions,
  target: ReturnType<typeof prepareOutput>,
): void {
  if (options.format === 'json') {
    emit(io, renderJson(rows), target);
    return;
  }
  const keys = [
    'position',
    'recordedAt',
    'effectiveOn',
    'actor',
    'code',
    'period',
    'field',
    'before',
    'after',
    'reason',
    'eventType',
  ] as const;
  if (options.format === 'csv') {
    const lines = [
      keys.join(','),
      ...rows.map((row) => keys.map((key) => csvCell(row[key], true)).join(',')),
    ];
    emit(io, `${lines.join('\r\n')}\r\n`, target);
    return;
  }
  emit(
    io,
    renderRows(
      options.format,
      [
        { header: 'Pos', align: 'right' },
        { header: 'Recorded (UTC)' },
        { header: 'Effective' },
        { header: 'Actor' },
        { header: 'Indicator' },
        { header: 'Period' },
        { header: 'Field' },
        { header: 'Before' },
        { header: 'After' },
        { header: 'Reason' },
      ],
      rows.map((r) => [
        String(r.position),
        r.recordedAt.slice(0, 19).replace('T', ' '),
        r.effectiveOn,
        r.actor ?? '-',
        r.code,
        r.period ?? '-',
        r.field,
        r.before ?? '-',
        r.after ?? '-',
        truncate(r.reason ?? '', options.format === 'table' ? 60 : Number.POSITIVE_INFINITY),
      ]),
    ),
    target,
  );
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
