// Entry point of the `switchboard` command (bin/switchboard.js, npm start, npm run demo).
import { ConfigError, loadConfig, type Config } from './config.ts';
import { processIo, UsageError, type CliIo } from './cli/io.ts';
import { usage } from './cli/usage.ts';
import { DefinitionError } from './definitions/load.ts';
import { NotFoundError, QuotaError, ValidationError } from './services/errors.ts';
import { UnreachableError } from './store/errors.ts';

type Command = (config: Config, io: CliIo, args: string[]) => Promise<void>;

// Loaded on use, so admin commands do not load the server, and only `demo` loads the sandboxes.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./cli/serve.ts')).serve,
  demo: async () => (await import('./cli/demo.ts')).demo,
  'tenant create': async () => (await import('./cli/admin.ts')).tenantCreate,
  'token create': async () => (await import('./cli/admin.ts')).tokenCreate,
  'token list': async () => (await import('./cli/admin.ts')).tokenList,
  'token revoke': async () => (await import('./cli/admin.ts')).tokenRevoke,
  'account create': async () => (await import('./cli/admin.ts')).accountCreate,
  'user create': async () => (await import('./cli/admin.ts')).userCreate,
  'integrations list': async () => (await import('./cli/admin.ts')).integrationsList,
};

/** Runs one command and returns the process exit code: 0 done, 1 failed, 2 called wrongly. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    (first === undefined ? io.err : io.out)(usage);
    return first === undefined ? 2 : 0;
  }
  const twoWords = `${first} ${second}`;
  const [load, args] = commands[twoWords] ? [commands[twoWords], rest] : [commands[first], argv.slice(1)];
  try {
    if (!load) throw new UsageError(`unknown command "${second === undefined ? first : twoWords}"`);
    const config = loadConfig(io.env);
    await (await load())(config, io, args);
    return 0;
  } catch (error) {
    return report(io, error);
  }
}

function report(io: CliIo, error: unknown): number {
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (error instanceof ConfigError) io.err(`configuration error: ${error.message}`);
  else if (error instanceof ValidationError) io.err(`error: invalid input\n${error.details.map((problem) => `  ${problem.field}: ${problem.message}`).join('\n')}`);
  else if (error instanceof NotFoundError || error instanceof QuotaError || error instanceof DefinitionError || error instanceof UnreachableError) io.err(`error: ${error.message}`);
  else if (isPortInUse(error)) {
    io.err(`error: port ${error.port} on ${error.address} is already in use (another Switchboard demo may be running). ` +
      'Stop what listens there, or choose other ports with PORT (the server) and, for the demo, SWITCHBOARD_DEMO_<INTEGRATION>_PORT (SWITCHBOARD_DEMO_PINPOINT_PORT, …).');
  }
  else io.err(`error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  return 1;
}

function isPortInUse(error: unknown): error is { port: number; address: string } {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
