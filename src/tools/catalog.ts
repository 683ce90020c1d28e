// The live set of integrations and their tools, read from integrations/<name>/definition.yaml.
// Editing a file on disk replaces that integration's tools on the running server; a broken edit is reported
// and the previous version keeps serving.
import { watch, type FSWatcher } from 'node:fs';
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

export class Catalog {
  private readonly integrations = new Map<string, Integration>();
  private watcher: FSWatcher | undefined;
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

  /** Watches the directory and reloads a definition when its file changes. */
  watch(report: (event: { integration: string; error?: Error }) => void): void {
    const pending = new Map<string, NodeJS.Timeout>();
    this.watcher = watch(this.directory, { recursive: true }, (_event, changed) => {
      if (!changed || basename(changed) !== definitionFileName) return;
      const name = basename(dirname(changed));
      clearTimeout(pending.get(name));
      // Editors write files in several steps; wait for the last one.
      pending.set(name, setTimeout(() => {
        pending.delete(name);
        this.reload(name).then(() => report({ integration: name }), (error: Error) => report({ integration: name, error }));
      }, 50));
    });
  }

  close(): void {
    this.watcher?.close();
  }
}
