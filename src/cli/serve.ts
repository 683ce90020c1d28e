import type { Config } from '../config.ts';
import { startServer } from '../server.ts';
import type { CliIo } from './io.ts';
import { parseOptions } from './options.ts';
import { untilShutdownSignal } from './signals.ts';

export async function serve(config: Config, _io: CliIo, args: string[]): Promise<void> {
  parseOptions('serve', args, {});
  const running = await startServer(config);
  const signal = await untilShutdownSignal();
  running.logger.info({ signal }, 'shutting down: finishing in-flight requests');
  await running.close();
}
