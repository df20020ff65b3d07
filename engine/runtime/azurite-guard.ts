/**
 * Runs Azurite's blob service for an embedded Sluice and dies with its parent: forked with an IPC
 * channel, it kills Azurite as soon as that channel closes — also when the parent was SIGKILLed,
 * so no emulator is left behind. Arguments: the azurite-blob binary, then its arguments.
 */
import { spawn } from 'node:child_process';

const [bin, ...args] = process.argv.slice(2);
if (bin === undefined) {
  process.stderr.write('azurite-guard: missing the azurite-blob path\n');
  process.exit(2);
}
const azurite = spawn(bin, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = (): void => {
  azurite.kill('SIGTERM');
  setTimeout(() => azurite.kill('SIGKILL'), 2_000).unref();
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
azurite.on('exit', (code) => process.exit(code ?? 0));
