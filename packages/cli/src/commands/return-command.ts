import { existsSync } from 'node:fs';
import {
  approveReturn,
  type FiscalQuarterNumber,
  type ReturnSignOff,
  readReturnSignOff,
  submitReturn,
} from '@perfledger/core';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { emit } from '../output/emit.js';
import { renderJson } from '../output/render-rows.js';
import { catchUpProjections } from '../projections.js';
import { signOffWords } from '../report/render-quarter-report.js';
import { UsageError } from '../usage-error.js';
import { dbTarget, openForReading, openForWriting, using } from './common.js';

interface SignOffOptions {
  fy: string;
  quarter: string;
  plan: string;
  actor?: string;
  note?: string;
  format: 'table' | 'json';
}

/**
 * `perfledger return submit|approve|status`: sign-off of a plan's quarterly return. A return is
 * submitted by one officer and approved by another before its quarter is published.
 */
export function registerReturnCommand(program: Command, io: CliIo): void {
  const returns = program
    .command('return')
    .description("sign-off of a plan's quarterly return: submit, approve, status");

  const common = (command: Command, actor: boolean) => {
    command
      .requiredOption('--fy <year>', 'financial year, e.g. 2019/20')
      .requiredOption('--quarter <n>', 'quarter of the financial year: 1, 2, 3 or 4')
      .requiredOption('--plan <name>', 'the plan whose return it is, as its actions name it');
    if (actor) {
      command
        .requiredOption('--actor <name>', 'who signs off (recorded as the event’s actor)')
        .option('--note <text>', 'a note recorded with the sign-off');
    }
    return command.addOption(
      new Option('--format <format>', 'how to print the sign-off')
        .choices(['table', 'json'])
        .default('table'),
    );
  };

  for (const step of ['submit', 'approve'] as const) {
    common(
      returns
        .command(step)
        .description(
          step === 'submit'
            ? 'record that the return was submitted for approval'
            : 'record that a submitted return was approved (by someone other than its submitter)',
        ),
      true,
    ).action(async (options: SignOffOptions, command: Command) => {
      const quarter = parseQuarter(options.quarter);
      const target = dbTarget(command, io);
      if (target.engine === 'sqlite' && !existsSync(target.file)) {
        throw new UsageError(`There is no ledger at '${target.file}'; import a return first, or pass --db.`);
      }
      await using(openForWriting(command, io), async (ledger) => {
        const input = {
          fy: options.fy,
          quarter,
          plan: options.plan,
          actor: options.actor ?? '',
          ...(options.note === undefined ? {} : { note: options.note }),
          source: 'cli',
        };
        const signOff =
          step === 'submit' ? await submitReturn(ledger, input) : await approveReturn(ledger, input);
        await catchUpProjections(ledger, io);
        emit(io, options.format === 'json' ? renderJson(signOff) : sentenceOf(signOff));
      });
    });
  }

  common(returns.command('status').description('where a plan’s return for a quarter stands'), false).action(
    async (options: SignOffOptions, command: Command) => {
      const quarter = parseQuarter(options.quarter);
      await using(openForReading(command, io), async (ledger) => {
        const signOff = await readReturnSignOff(ledger, { fy: options.fy, quarter, plan: options.plan });
        emit(io, options.format === 'json' ? renderJson(signOff) : sentenceOf(signOff));
      });
    },
  );
}

function sentenceOf(signOff: ReturnSignOff): string {
  const parts = [
    `The ${signOff.fy} Q${signOff.quarter} return of '${signOff.plan}': ${signOffWords(signOff.state)}.`,
  ];
  if (signOff.submitted !== null) {
    parts.push(
      `Submitted by ${signOff.submitted.actor ?? '-'} at ${signOff.submitted.recordedAt} (position ${signOff.submitted.position}).`,
    );
  }
  if (signOff.approved !== null) {
    parts.push(
      `Approved by ${signOff.approved.actor ?? '-'} at ${signOff.approved.recordedAt} (position ${signOff.approved.position}).`,
    );
  }
  if (signOff.changedSinceApproval.length > 0) {
    parts.push(`Statements recorded since approval: ${signOff.changedSinceApproval.join(', ')}.`);
  }
  return `${parts.join('\n')}\n`;
}

function parseQuarter(text: string): FiscalQuarterNumber {
  const quarter = Number(text.replace(/^q/i, ''));
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) {
    throw new UsageError(`--quarter must be 1, 2, 3 or 4, not '${text}'.`);
  }
  return quarter;
}
