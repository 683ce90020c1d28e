// Checks that span several parts of a definition, beyond what the format schema can say.
import type { Definition } from './format.ts';
import { DefinitionProblem } from './load.ts';

const placeholders = (text: string) => [...text.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1]!);

export function checkDefinition(definition: Definition, expectedName: string): void {
  if (definition.name !== expectedName) {
    throw new DefinitionProblem(['name'], `is "${definition.name}" but the folder is "${expectedName}"; they must match`);
  }
  for (const name of placeholders(definition.base_url)) {
    if (!(name in definition.context)) throw new DefinitionProblem(['base_url'], `{${name}} is not declared under context`);
  }
  try {
    new URL(definition.base_url.replace(/\{[^}]+\}/g, 'x'));
  } catch {
    throw new DefinitionProblem(['base_url'], 'is not an absolute URL');
  }
  const templates = Object.values(definition.auth).filter((value): value is string => typeof value === 'string');
  for (const name of templates.flatMap(placeholders)) {
    if (!(name in definition.credentials)) throw new DefinitionProblem(['auth'], `{${name}} is not declared under credentials`);
  }
  for (const [key, field] of Object.entries(definition.context)) {
    if (!field.pattern) continue;
    try {
      new RegExp(field.pattern);
    } catch (error) {
      throw new DefinitionProblem(['context', key, 'pattern'], `is not a valid regular expression: ${(error as Error).message}`);
    }
  }
}
