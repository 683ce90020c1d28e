// `{name}` placeholders in definition templates: base URLs, paths, auth values and headers.

const placeholder = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function placeholderNames(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1]!);
}

/** Replaces every {name} with value(name); value may throw to refuse a name or a value. */
export function fillTemplate(template: string, value: (name: string) => string): string {
  return template.replace(placeholder, (_match, name: string) => value(name));
}
