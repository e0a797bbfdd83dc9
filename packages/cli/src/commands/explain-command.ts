import { type AuditField, auditFields, explain, explainIndicator } from '@perfledger/audit-trail';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { emit } from '../output/emit.js';
import { forceOption, outOption, prepareOutput } from '../output/output-target.js';
import { renderJson } from '../output/render-rows.js';
import { knownAtOption, parseKnownAt } from './basis-option.js';
import { openForReading, using } from './common.js';

/** `perfledger explain CODE`: the story of one field, in plain sentences. */
export function registerExplainCommand(program: Command, io: CliIo): void {
  program
    .command('explain')
    .description(
      'explain, in plain sentences, how and why one field of an action changed, or why an indicator has its status for a period',
    )
    .argument('<code>', 'the action code, e.g. DEM1518_02, or an indicator code, e.g. BV12')
    .addOption(
      new Option('--field <field>', 'the field to explain').choices([...auditFields]).default('dueDate'),
    )
    .option(
      '--period <period>',
      'for an indicator: the period, e.g. "2019/20 Q1" (default: its latest value)',
    )
    .addOption(knownAtOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(outOption())
    .addOption(forceOption())
    .action(
      async (
        code: string,
        options: {
          field: AuditField;
          period?: string;
          knownAt?: string;
          format: 'text' | 'json';
          out?: string;
          force?: boolean;
        },
        command: Command,
      ) => {
        const target = prepareOutput(command, io, options);
        const knownAt = parseKnownAt(options.knownAt);
        await using(openForReading(command, io), async (ledger) => {
          // An indicator code (and no action of that code) is explained as an indicator.
          if (
            (await ledger.resolveActionCode(code)) === undefined &&
            (await ledger.getIndicator(code)) !== undefined
          ) {
            const why = await explainIndicator(ledger, code, {
              ...(options.period === undefined ? {} : { period: options.period }),
              ...(knownAt === undefined ? {} : { knownAt }),
            });
            return emit(io, options.format === 'json' ? renderJson(why) : `${why.text}\n`, target);
          }
          const explanation = await explain(ledger, code, {
            field: options.field,
            ...(knownAt === undefined ? {} : { knownAt }),
          });
          emit(io, options.format === 'json' ? renderJson(explanation) : `${explanation.text}\n`, target);
        });
      },
    );
}
