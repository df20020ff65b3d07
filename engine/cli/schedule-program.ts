/**
 * Wires `sluice schedule …` into commander; the work is in schedule-command.ts. Commander's own
 * parse errors (unknown option, missing argument) are usage errors here: exit code 2.
 */
import type { Command, CommanderError } from 'commander';
import { DEFAULT_URL } from './api-client.js';
import { processIo } from './pipeline-command.js';
import { createScheduleCommand, listSchedulesCommand, setScheduleStatusCommand, type ScheduleCreateOptions } from './schedule-command.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function exit(code: number): void {
  process.exitCode = code;
}

function usageExit(err: CommanderError): never {
  process.exit(err.exitCode === 0 ? 0 : 2);
}

export function registerScheduleCommands(program: Command): void {
  const schedule = program.command('schedule').description('pipeline schedules (recurrence or datastore) on a running Sluice').exitOverride(usageExit);
  const url = (c: Command): Command => c.exitOverride(usageExit).option('--url <url>', 'Sluice to talk to', DEFAULT_URL);
  url(schedule.command('create'))
    .description('create a schedule; prints its id, status and next fire time')
    .option('--name <name>', 'schedule name (required)')
    .option('--pipeline <idOrName>', 'published pipeline to run')
    .option('--endpoint <idOrName>', 'pipeline endpoint to run (its default version)')
    .option('--experiment <name>', 'experiment of the runs (required)')
    .option('--description <text>', 'description')
    .option('--frequency <f>', 'recurrence: Minute, Hour, Day, Week or Month')
    .option('--interval <n>', 'recurrence: every N frequency units')
    .option('--start-time <t>', 'recurrence: YYYY-MM-DDThh:mm:ss, wall clock in --time-zone')
    .option('--time-zone <zone>', "recurrence: Windows time zone id (e.g. 'UTC', 'Pacific Standard Time')")
    .option('--hours <list>', 'recurrence: hours, e.g. 9,17 (Day or Week)')
    .option('--minutes <list>', 'recurrence: minutes, e.g. 0,30 (Day or Week)')
    .option('--week-days <list>', 'recurrence: e.g. Monday,Friday (Week)')
    .option('--time-of-day <hh:mm>', 'recurrence: shorthand for one hour and minute')
    .option('--datastore <name>', 'datastore schedule: the datastore to watch')
    .option('--path <folder>', 'datastore schedule: folder on the datastore (direct children only)')
    .option('--polling-interval <minutes>', 'datastore schedule: minutes between polls (default 5)')
    .option('--data-path-parameter <name>', "datastore schedule: DataPath parameter that receives the changed file's path")
    .option('--param <name=value>', 'pipeline parameter (repeatable; values starting with @ are expressions evaluated at fire time)', collect, [])
    .action(async (o: ScheduleCreateOptions) => exit(await createScheduleCommand(o, processIo)));
  url(schedule.command('list'))
    .option('--all', 'include disabled schedules')
    .description('list schedules (active ones unless --all)')
    .action(async (o: { url?: string; all?: boolean }) => exit(await listSchedulesCommand(o, processIo)));
  for (const action of ['disable', 'enable'] as const) {
    url(schedule.command(action))
      .argument('<id>', 'schedule id')
      .description(`${action} a schedule`)
      .action(async (id: string, o: { url?: string }) => exit(await setScheduleStatusCommand(id, action, o, processIo)));
  }
}
