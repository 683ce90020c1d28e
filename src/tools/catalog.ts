// The live set of integrations and their tools, read from integrations/<name>/definition.yaml.
// Editing a file on disk replaces that integration's tools on the running server; a broken edit is reported
// and the previous version keeps serving.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkDefinition } from '../definitions/check.ts';
import type { Definition } from '../definitions/format.ts';
import { compileDefinition } from '../definitions/load.ts';
import { generateTools } from './generate.ts';
import type { Tool } from './types.ts';

export const definitionFileName = 'definition.yaml';

export interface Integration {
  definition: Definition;
  tools: Tool[];
  toolsByName: Map<string, Tool>;
  file: string;
}

export async function loadIntegration(file: string): Promise<Integration> {
  return compileIntegration(file, await readFile(file, 'utf8'));
}

/** Validates a definition's text and generates its tools; the folder name in `file` must match the definition name. */
export function compileIntegration(file: string, text: string): Integration {
  return compileDefinition(file, text, (definition) => {
    checkDefinition(definition, basename(dirname(file)));
    const tools = generateTools(definition);
    return { definition, tools, toolsByName: new Map(tools.map((tool) => [tool.name, tool])), file };
  });
}

/** What the watcher reports: a definition reloaded (or not, with the error), or the watcher itself failing or back. */
export type WatchEvent =
  | { integration: string; error?: Error }
  | { watcher: 'failed'; error: Error; retryInMs: number }
  | { watcher: 'resumed' };

/** Pause before watching again after the watcher failed; doubles up to the maximum while it keeps failing. */
const watchRetryMs = 1_000;
const watchRetryMaxMs = 60_000;

export class Catalog {
  private readonly integrations = new Map<string, Integration>();
  private watcher: FSWatcher | undefined;
  private retry: NodeJS.Timeout | undefined;
  readonly directory: string;

  private constructor(directory: string) {
    this.directory = directory;
  }

  /** Loads every integration; any invalid definition fails the start with its file, path and line. */
  static async load(directory: string): Promise<Catalog> {
    const catalog = new Catalog(directory);
    const entries = await readdir(directory, { withFileTypes: true });
    const loaded = await Promise.all(entries.filter((entry) => entry.isDirectory())
      .map((entry) => loadIntegration(join(directory, entry.name, definitionFileName))));
    for (const integration of loaded) catalog.integrations.set(integration.definition.name, integration);
    return catalog;
  }

  get(name: string): Integration | undefined {
    return this.integrations.get(name);
  }

  list(): Integration[] {
    return [...this.integrations.values()].sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  }

  /** Reloads one integration from disk; on error the previous version stays and the error is thrown. */
  async reload(name: string): Promise<Integration> {
    const integration = await loadIntegration(join(this.directory, name, definitionFileName));
    this.integrations.set(name, integration);
    return integration;
  }

  /**
   * Watches the directory and reloads a definition when its file changes. A failing watcher (a symlink loop, lost
   * permissions, the directory removed) is reported and started again after a pause, while the last good catalog
   * keeps serving; once it is back, every definition is read again, since changes meanwhile went unseen.
   */
  watch(report: (event: WatchEvent) => void): void {
    const pending = new Map<string, NodeJS.Timeout>();
    const reload = (name: string) => {
      this.reload(name).then(() => report({ integration: name }), (error: Error) => report({ integration: name, error }));
    };
    let failures = 0;
    const start = () => {
      this.retry = undefined;
      try {
        this.watcher = watch(this.directory, { recursive: true }, (_event, changed) => {
          // Removing the watched directory ends the watch without an error: only an event tells.
          if (!existsSync(this.directory)) return failed(new Error(`the integrations directory ${this.directory} was removed`));
          if (!changed || basename(changed) !== definitionFileName) return;
          const name = basename(dirname(changed));
          clearTimeout(pending.get(name));
          // Editors write files in several steps; wait for the last one.
          pending.set(name, setTimeout(() => {
            pending.delete(name);
            reload(name);
          }, 50));
        });
        this.watcher.on('error', failed);
      } catch (error) {
        return failed(error as Error);
      }
      if (failures === 0) return;
      failures = 0;
      report({ watcher: 'resumed' });
      for (const name of this.integrations.keys()) reload(name);
    };
    const failed = (error: Error) => {
      if (!this.watcher && this.retry) return;
      this.watcher?.close();
      this.watcher = undefined;
      const retryInMs = Math.min(watchRetryMaxMs, watchRetryMs * 2 ** failures++);
      report({ watcher: 'failed', error, retryInMs });
      this.retry = setTimeout(start, retryInMs);
      this.retry.unref();
    };
    start();
  }

  close(): void {
    clearTimeout(this.retry);
    this.watcher?.close();
  }
}
