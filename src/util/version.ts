// Switchboard's version, from package.json, which ships beside src/ (a missing or broken one stops the start).
import { readFileSync } from 'node:fs';

export const switchboardVersion = readVersion();

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
