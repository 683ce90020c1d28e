// Waits for Ctrl-C or a termination signal; a second one while shutting down exits at once.

export function untilShutdownSignal(onForcedExit: () => void = () => process.exit(130)): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    const first = (signal: NodeJS.Signals) => {
      for (const name of signals) {
        process.off(name, first);
        process.once(name, onForcedExit);
      }
      resolve(signal);
    };
    for (const name of signals) process.once(name, first);
  });
}
