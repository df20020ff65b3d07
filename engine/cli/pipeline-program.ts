/**
 * Wires `sluice pipeline …` and `sluice datastore …` into commander; the work is in
 * pipeline-command.ts and datastore-command.ts.
 */
import type { Command } from 'commander';
import { DEFAULT_URL } from './api-client.js';
import { listFilesCommand, uploadCommand } from './datastore-command.js';
import { listCommand, logsCommand, processIo, publishCommand, runCommand, runsCommand, setStatusCommand, type RunOptions } from './pipeline-command.js';
import { validatePipelineFiles } from './pipeline-validate.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function exit(code: number): void {
  process.exitCode = code;
}

export function registerPipelineCommands(program: Command): void {
  const pipeline = program.command('pipeline').description('ML pipelines: validate locally; publish, run and inspect on a running Sluice');
  const url = (c: Command): Command => c.option('--url <url>', 'Sluice to talk to', DEFAULT_URL);
  pipeline
    .command('validate')
    .argument('<files...>', 'pipeline definitions (.json files, or folders holding pipeline.json)')
    .description('validate pipeline definitions locally; prints FILE: /pointer: message per issue')
    .action((files: string[]) => {
      const result = validatePipelineFiles(files);
      for (const line of result.lines) process.stdout.write(`${line}\n`);
      exit(result.exitCode);
    });
  url(pipeline.command('publish'))
    .argument('<dirOrFile>', 'the definition file, or its folder (uploaded with the sources)')
    .option('--name <name>', 'published name (default: the definition name)')
    .option('--description <text>', 'description')
    .option('--version <version>', 'free version label')
    .description('publish a pipeline; prints its id and REST endpoint')
    .action(async (target: string, o: { name?: string; description?: string; version?: string; url?: string }) => exit(await publishCommand(target, o, processIo)));
  url(pipeline.command('list'))
    .option('--all', 'include disabled pipelines')
    .description('list published pipelines')
    .action(async (o: { url?: string; all?: boolean }) => exit(await listCommand(o, processIo)));
  url(pipeline.command('run'))
    .argument('<pipeline>', 'published pipeline id or name')
    .option('--experiment <name>', 'experiment (default: the pipeline name)')
    .option('--param <name=value>', 'parameter assignment (repeatable)', collect, [])
    .option('--datapath <name=datastore:path>', 'DataPath assignment (repeatable)', collect, [])
    .option('--regenerate', 'run every step, reusing nothing')
    .option('--wait', 'follow the run; exit 1 unless it Finished')
    .description('submit a run of a published pipeline')
    .action(async (id: string, o: RunOptions) => exit(await runCommand(id, o, processIo)));
  url(pipeline.command('runs'))
    .option('--pipeline <id>', 'only runs of this published pipeline (id or name)')
    .description('list pipeline runs, newest first')
    .action(async (o: { url?: string; pipeline?: string }) => exit(await runsCommand(o, processIo)));
  url(pipeline.command('logs'))
    .argument('<runId>', 'pipeline run id')
    .argument('[step]', 'one step (all steps otherwise)')
    .description("print a run's step logs")
    .action(async (runId: string, step: string | undefined, o: { url?: string }) => exit(await logsCommand(runId, step, o, processIo)));
  for (const status of ['disable', 'enable'] as const) {
    url(pipeline.command(status))
      .argument('<id>', 'published pipeline id or name')
      .description(`${status} a published pipeline`)
      .action(async (id: string, o: { url?: string }) => exit(await setStatusCommand(id, status, o, processIo)));
  }

  const datastore = program.command('datastore').description('files in datastores of a running Sluice');
  url(datastore.command('upload'))
    .argument('<local>', 'a file or a folder (uploaded recursively)')
    .argument('<target>', 'DATASTORE or DATASTORE:PATH')
    .description('upload files to a datastore')
    .action(async (local: string, target: string, o: { url?: string }) => exit(await uploadCommand(local, target, o, processIo)));
  url(datastore.command('list'))
    .argument('<datastore>', 'datastore name')
    .argument('[prefix]', 'folder inside it (one level is listed)')
    .description('list the files of a datastore folder')
    .action(async (name: string, prefix: string | undefined, o: { url?: string }) => exit(await listFilesCommand(name, prefix, o, processIo)));
}
