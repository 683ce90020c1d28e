// Command-line option parsing on node:util parseArgs, with mistakes reported as UsageError.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './io.ts';

export function parseOptions<T extends ParseArgsOptionsConfig>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
}

export function requireOption(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${command}: --${name} is required`);
  return value;
}

/** ["a=1", "b=x=y"] → { a: "1", b: "x=y" } */
export function parsePairs(flag: string, pairs: string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--${flag} expects key=value, got "${pair}"`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}
