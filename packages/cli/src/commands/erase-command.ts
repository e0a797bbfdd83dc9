import { userInfo } from 'node:os';
import { personalDataFields } from '@perfledger/core';
import { Argument, type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { openForWriting, using } from './common.js';

const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `perfledger erase POSITION|EVENT_ID --reason TEXT [--field NAME...] [--actor NAME]` (and
 * `perfledger erase --enable`, once per ledger): erases the
 * text of an event's personal-data fields (comments, reasons, notes, approvers), recording who,
 * when and why in a `PersonalDataErased` event; the chain and every checkpoint still verify.
 */
export function registerEraseCommand(program: Command, io: CliIo): void {
  program
    .command('erase')
    .description(
      "erase the personal data (comments, reasons, notes, approvers) of one event; it then reads as '[erased on DATE]' and the chain still verifies",
    )
    .addArgument(new Argument('[event]', 'the event: its position in the log, or its event id'))
    .option('--enable', "make the ledger's personal data erasable from the next event on (once per ledger)")
    .option('--reason <text>', 'why: the request or retention rule (recorded; do not name the person)')
    .addOption(
      new Option('--field <name...>', 'only these fields (default: every field still holding text)').choices(
        [...new Set(Object.values(personalDataFields).flat())].sort(),
      ),
    )
    .option('--actor <name>', 'who erases (recorded as the actor; default: the operating-system user)')
    .action(
      async (
        event: string | undefined,
        options: { enable?: boolean; reason?: string; field?: string[]; actor?: string },
        command: Command,
      ) => {
        if (options.enable === true) {
          if (event !== undefined || options.reason !== undefined)
            throw new UsageError('erase --enable takes no event and no --reason.');
          await using(openForWriting(command, io), async (ledger) => {
            const format = await ledger.enablePersonalDataErasure();
            io.stdout(
              `Personal data is erasable from position ${format.version === 2 ? format.since : 1} on: comments, reasons, notes and approvers are kept beside the log as salted digests.\n`,
            );
          });
          return;
        }
        if (event === undefined)
          throw new UsageError('erase takes an event (its position or event id), or --enable.');
        if (options.reason === undefined)
          throw new UsageError('erase needs --reason: the request or retention rule it carries out.');
        const reason = options.reason;
        const target = /^\d+$/.test(event)
          ? { position: Number(event) }
          : EVENT_ID.test(event)
            ? { eventId: event.toLowerCase() }
            : undefined;
        if (target === undefined) {
          throw new UsageError(
            `erase takes an event's position (a whole number) or its event id, not '${event}'.`,
          );
        }
        const actor = options.actor ?? userInfo().username;
        await using(openForWriting(command, io), async (ledger) => {
          const result = await ledger.erasePersonalData({
            ...target,
            ...(options.field === undefined ? {} : { fields: options.field }),
            reason,
            actor,
          });
          io.stdout(
            `Erased ${result.fields.join(', ')} of the event at position ${result.position} (${result.eventId}); recorded as the PersonalDataErased event at position ${result.erasurePosition}. It now reads as '[erased on ${result.erasedOn}]'.\n`,
          );
        });
      },
    );
}
