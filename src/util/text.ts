// Text that clients supply and the server keeps (request log fields, metric labels) is bounded and made safe to
// store: well-formed UTF-16 (a lone surrogate cannot be stored as UTF-8), no control characters (PostgreSQL text
// refuses NUL), and at most `max` characters.

const controlCharacters = /[\u0000-\u001f\u007f]/g;

export function boundedText(text: string, max: number): string {
  const clean = text.toWellFormed().replace(controlCharacters, '\uFFFD');
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`.toWellFormed();
}
