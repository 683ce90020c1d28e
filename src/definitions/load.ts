// Reads one definition file and validates it, reporting every problem with the file, the path inside it and the line.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { definitionFormat, type Definition } from './format.ts';

export type PathSegment = string | number;

export class DefinitionError extends Error {
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file}: invalid integration definition\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DefinitionError';
    this.file = file;
    this.problems = problems;
  }
}

/** A problem found by a check that runs after parsing and knows where in the definition it looked. */
export class DefinitionProblem extends Error {
  readonly path: PathSegment[];
  constructor(path: PathSegment[], message: string) {
    super(message);
    this.name = 'DefinitionProblem';
    this.path = path;
  }
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

/**
 * Parses and validates a definition, then runs `compile` (which may throw DefinitionProblem) on it.
 * Every failure becomes one DefinitionError naming the file, the path and its line.
 */
export function compileDefinition<T>(file: string, text: string, compile: (definition: Definition) => T): T {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new DefinitionError(file, document.errors.map((error) => {
      // linePos is only filled in with prettyErrors; the offset always is.
      const at = error.linePos?.[0] ?? (error.pos ? lineCounter.linePos(error.pos[0]) : undefined);
      return `${at ? `line ${at.line}: ` : ''}${error.message.split('\n')[0]}`;
    }));
  }
  const locate = (path: PathSegment[], message: string) => `${describePath(document, lineCounter, path)}: ${message}`;
  const parsed = definitionFormat.safeParse(document.toJS());
  if (!parsed.success) {
    throw new DefinitionError(file, parsed.error.issues.map((issue) => locate(issue.path as PathSegment[], issue.message)));
  }
  try {
    return compile(parsed.data);
  } catch (error) {
    if (error instanceof DefinitionProblem) throw new DefinitionError(file, [locate(error.path, error.message)]);
    throw error;
  }
}

function describePath(document: Document, lineCounter: LineCounter, path: PathSegment[]): string {
  const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? `${formatPath(path)} (line ${lineCounter.linePos(node.range[0]).line})` : formatPath(path);
}
