// Builds the dashboard when dashboard/dist is missing or older than its sources; used by `npm run demo`,
// `npm start` and the browser tests. `--force` always builds. Without Vite (a production install with
// --omit=dev) an existing build is served as it is.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = join(root, 'dist');
const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((name) => join(root, name));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** True when dist/index.html is missing or any source file is newer than it. */
export function isStale(): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return sources.some((source) => newest(source) > built);
}

export async function buildDashboard(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !isStale()) return false;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    if (existsSync(join(dist, 'index.html'))) {
      console.warn('dashboard: Vite is not installed; serving the existing build in dashboard/dist.');
      return false;
    }
    throw new Error('dashboard: dashboard/dist is missing and Vite is not installed (npm install, then npm run build:dashboard)');
  }
  await vite.build({ configFile: join(root, 'vite.config.ts'), logLevel: options.quiet ? 'silent' : 'warn' });
  if (!options.quiet) console.log('dashboard: built dashboard/dist');
  return true;
}

if (import.meta.main) {
  await buildDashboard({ force: process.argv.includes('--force') });
}
