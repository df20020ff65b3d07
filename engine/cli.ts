/**
 * The `sluice` command line. Each command is a small function returning what to print, so tests
 * call them directly and the binary only wires them to commander.
 */
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { evalBatch, evalOne, type CommandOutput } from './cli/eval-command.js';
import { startIdleCollector } from './idle-memory.js';
import { registerPipelineCommands } from './cli/pipeline-program.js';
import { registerScheduleCommands } from './cli/schedule-program.js';

function emit(out: CommandOutput): void {
  if (out.stdout) process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);
  process.exitCode = out.exitCode;
}

export function buildProgram(): Command {
  const program = new Command();
  program.name('sluice').description('Workflow engine for Logic Apps definitions and ML pipelines').showHelpAfterError();

  program
    .command('validate')
    .description('validate workflow definitions; prints FILE: /json/pointer: message per issue')
    .argument('<files...>', 'definition files (bare definitions, workflow.json or ARM resources)')
    .action(async (files: string[]) => {
      const { validateFiles } = await import('./cli-validate.js');
      const result = await validateFiles(files);
      for (const line of result.lines) process.stdout.write(`${line}\n`);
      process.exitCode = result.exitCode;
    });

  program
    .command('eval')
    .description('evaluate an expression (a string as it stands in a definition) and print its value as JSON')
    .argument('[expr]', "the expression, e.g. \"@concat('a', string(add(1,2)))\"")
    .option('-c, --context <file>', 'JSON file with parameters, variables, triggerBody, actions, now ...')
    .option('-b, --batch <file>', 'JSON array of {"expr", "context"} cases; prints [{"value"}|{"error"}] in order')
    .action(async (expr: string | undefined, options: { context?: string; batch?: string }) => {
      if (options.batch !== undefined) {
        if (expr !== undefined) return emit({ exitCode: 2, stdout: '', stderr: 'error: give either EXPR or --batch FILE, not both\n' });
        return emit(await evalBatch(options.batch));
      }
      if (expr === undefined) return emit({ exitCode: 2, stdout: '', stderr: 'error: missing EXPR (or --batch FILE)\n' });
      emit(await evalOne(expr, options.context));
    });

  program
    .command('serve')
    .description('serve Sluice (API, triggers, playground) on loopback; options override sluice.config.json and SLUICE_* variables')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on, 0 picks a free one (default 7070)')
    .option('--data <dir>', 'folder of the state database sluice.db (default ./.sluice)')
    .option('--config <file>', 'configuration file (default ./sluice.config.json when present)')
    .option('--examples <dir>', 'workflow definitions to save at start when absent (default: definitions/examples of this checkout)')
    .option('--no-examples', 'do not load example workflows')
    .option('--no-azurite', 'do not start the embedded Azurite for workspaceblobstore (when no connection string is configured)')
    .action(async (options: { host?: string; port?: string; data?: string; config?: string; examples?: string | false; azurite?: boolean }) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        return emit({ exitCode: 2, stdout: '', stderr: `error: --port must be an integer from 0 to 65535, got '${options.port}'\n` });
      }
      const { serve } = await import('./cli/serve-command.js');
      const examples = options.examples === false ? undefined : (options.examples ?? defaultExamplesFolder());
      let serving;
      try {
        serving = await serve({ host: options.host, port, data: options.data, config: options.config, examples, azurite: options.azurite });
      } catch (err) {
        return emit({ exitCode: 1, stdout: '', stderr: `error: ${(err as Error).message}\n` });
      }
      process.stdout.write(`Sluice is serving at ${serving.url}\n`);
      const running = serving;
      // A long-lived server process: give memory back whenever it goes quiet (engine/idle-memory.ts).
      const idle = startIdleCollector();
      const stop = (): void => {
        idle.stop();
        void running.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('run')
    .description('run a workflow once in-process on a temporary store; prints each action and the result (exit 0 when it Succeeded)')
    .argument('<file>', 'definition file (bare definition, workflow.json or ARM resource)')
    .option('--trigger-body <json>', 'trigger body as JSON text, or @FILE to read it from a file')
    .option('--parameters <file>', 'parameter values: {"name": value} or {"name": {"value": value}}')
    .option('--json', 'print one JSON object: {status, error?, actions, outputs?, response?}')
    .option('--real-time', 'let Wait actions and retry delays take their real time (by default they pass at once while the run clock advances)')
    .action(async (file: string, options: { triggerBody?: string; parameters?: string; json?: boolean; realTime?: boolean }) => {
      const { runCommand } = await import('./cli/run-command.js');
      const { runWorkflowOnce } = await import('./runtime/run-once.js');
      const clock = options.realTime === true ? 'system' : 'virtual';
      emit(await runCommand(file, options, (run) => runWorkflowOnce({ ...run, clock })));
    });

  registerPipelineCommands(program);
  registerScheduleCommands(program);
  return program;
}

/** `definitions/examples` of the checkout this CLI runs from (dist/engine/cli.js → the repository root). */
function defaultExamplesFolder(): string {
  return fileURLToPath(new URL('../../definitions/examples/', import.meta.url));
}

await buildProgram().parseAsync(process.argv);
