// Checks that span several parts of a definition, beyond what the format schema can say.
import { authKind, authModes } from '../execution/auth/index.ts';
import { isObject } from '../util/objects.ts';
import { placeholderNames } from '../util/templates.ts';
import { standardMethods, type Definition } from './format.ts';
import { DefinitionProblem } from './load.ts';

export function checkDefinition(definition: Definition, expectedName: string): void {
  if (definition.name !== expectedName) {
    throw new DefinitionProblem(['name'], `is "${definition.name}" but the folder is "${expectedName}"; they must match`);
  }
  for (const name of placeholderNames(definition.base_url)) {
    if (!(name in definition.context)) throw new DefinitionProblem(['base_url'], `{${name}} is not declared under context`);
  }
  try {
    new URL(definition.base_url.replace(/\{[^}]+\}/g, 'x'));
  } catch {
    throw new DefinitionProblem(['base_url'], 'is not an absolute URL');
  }
  const accountField = (name: string) => name in definition.credentials || name in definition.context;
  const modeNames = authModes(definition.auth).map(([mode]) => mode);
  for (const [mode, auth] of authModes(definition.auth)) {
    for (const name of authKind(auth).templates(auth).flatMap(placeholderNames)) {
      if (!accountField(name)) throw new DefinitionProblem(mode === 'default' ? ['auth'] : ['auth', 'modes', mode], `{${name}} is not declared under credentials or context`);
    }
  }
  for (const [key, field] of Object.entries(definition.credentials)) {
    for (const mode of field.modes ?? []) {
      if (!modeNames.includes(mode)) throw new DefinitionProblem(['credentials', key, 'modes'], `"${mode}" is not an auth mode (modes: ${modeNames.join(', ')})`);
    }
  }
  for (const [header, template] of Object.entries(definition.headers)) {
    for (const name of placeholderNames(template)) {
      if (!accountField(name)) throw new DefinitionProblem(['headers', header], `{${name}} is not declared under credentials or context`);
    }
  }
  for (const [resourceName, resource] of Object.entries(definition.resources)) {
    for (const [methodName, method] of Object.entries(resource.methods)) {
      const at = ['resources', resourceName, 'methods', methodName];
      if (method.read_only === undefined && !(standardMethods as readonly string[]).includes(methodName)) {
        throw new DefinitionProblem(at, `the custom method "${methodName}" must declare read_only: true or false (whether it only reads)`);
      }
      for (const [parameter, template] of Object.entries(method.query)) {
        for (const name of placeholderNames(template)) {
          if (!accountField(name)) throw new DefinitionProblem([...at, 'query', parameter], `{${name}} is not declared under credentials or context`);
        }
      }
      if (Object.keys(method.switchboard_filters).length > 0 && methodName !== 'list') {
        throw new DefinitionProblem([...at, 'switchboard_filters'], 'Switchboard-side filters apply to list methods only');
      }
      const body = method.docs?.body_schema;
      if (body) checkJsonApiHints(definition, body, [...at, 'docs', 'body_schema']);
    }
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

const isName = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * x-jsonapi hints (see docs/integrations.md) are read by the engine only on top-level body properties of a jsonapi
 * integration; a misspelt hint would otherwise silently send the value as an attribute.
 */
function checkJsonApiHints(definition: Definition, body: Record<string, unknown>, at: (string | number)[]): void {
  const properties = isObject(body.properties) ? body.properties : {};
  const nested = (schema: unknown, path: (string | number)[]): void => {
    if (!isObject(schema)) return;
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'x-jsonapi') throw new DefinitionProblem(path, 'x-jsonapi is only read on top-level body properties');
      if (key === 'properties' && isObject(value)) for (const [name, child] of Object.entries(value)) nested(child, [...path, key, name]);
      else if (key === 'items') nested(value, [...path, key]);
    }
  };
  nested({ ...body, properties: undefined, items: body.items }, at);
  for (const [name, property] of Object.entries(properties)) {
    const path = [...at, 'properties', name];
    if (!isObject(property)) continue;
    const { 'x-jsonapi': hint, ...rest } = property;
    nested(rest, path);
    if (hint === undefined) continue;
    const where = [...path, 'x-jsonapi'];
    if (definition.request.format !== 'jsonapi') throw new DefinitionProblem(where, 'needs request.format jsonapi');
    if (!isObject(hint)) throw new DefinitionProblem(where, 'must be an object');
    const keys = Object.keys(hint).sort().join(',');
    if (keys === 'relationship,type') {
      if (!isName(hint.relationship) || !isName(hint.type)) throw new DefinitionProblem(where, 'relationship and type must be non-empty strings');
    } else if (keys === 'relationship,type_argument') {
      if (!isName(hint.relationship) || !isName(hint.type_argument)) throw new DefinitionProblem(where, 'relationship and type_argument must be non-empty strings');
      const typeProperty = properties[hint.type_argument];
      if (!isObject(typeProperty) || !Array.isArray(typeProperty.enum)) {
        throw new DefinitionProblem(where, `type_argument "${hint.type_argument}" must name another body property with an enum of JSON:API types`);
      }
    } else if (keys === 'sidepost,type' || keys === 'relationships,sidepost,type') {
      if (!isName(hint.sidepost) || !isName(hint.type)) throw new DefinitionProblem(where, 'sidepost and type must be non-empty strings');
      if (property.type !== 'array' || !isObject(property.items)) throw new DefinitionProblem(path, 'a sidepost property must be an array of objects');
      if (hint.relationships !== undefined) {
        if (!isObject(hint.relationships)) throw new DefinitionProblem(where, 'relationships must map item properties to {relationship, type}');
        for (const [item, related] of Object.entries(hint.relationships)) {
          if (!isObject(related) || Object.keys(related).sort().join(',') !== 'relationship,type' || !isName(related.relationship) || !isName(related.type)) {
            throw new DefinitionProblem([...where, 'relationships', item], 'must be {relationship, type}');
          }
        }
      }
    } else {
      throw new DefinitionProblem(where, 'must be {relationship, type}, {relationship, type_argument} or {sidepost, type, relationships?}');
    }
  }
}
