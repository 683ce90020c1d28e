// Text that clients supply and the server keeps (request log fields, metric labels) is bounded and made safe to
// store: well-formed UTF-16 (a lone surrogate cannot be stored as UTF-8), no control characters (PostgreSQL text
// refuses NUL), and at most `max` characters.

const controlCharacters = /[\u0000-\u001f\u007f]/g;

/** Cut first, then cleaned (cleaning keeps the length), so the work is in proportion to `max`, not to the text. */
export function boundedText(text: string, max: number): string {
  const cut = text.length > max;
  const clean = (cut ? text.slice(0, max - 1) : text).toWellFormed().replace(controlCharacters, '\uFFFD');
  return cut ? `${clean}…` : clean;
}
