// The bytes JSON text is built of, for scans that read its shape without parsing it.

export const quote = 0x22;
export const backslash = 0x5c;
export const openBracket = 0x5b;
export const openBrace = 0x7b;
export const closeBracket = 0x5d;
export const closeBrace = 0x7d;
export const comma = 0x2c;
export const colon = 0x3a;

export const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** Whether JSON text nests arrays and objects deeper than `limit`: one pass over its bytes, nothing allocated. */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === quote) {
      i = stringEnd(bytes, i);
      if (i === -1) return false;
    } else if (byte === openBracket || byte === openBrace) {
      if (++depth > limit) return true;
    } else if (byte === closeBracket || byte === closeBrace) depth--;
  }
  return false;
}

/** Strings are walked a byte at a time up to this length; past it, the closing quote is searched for. */
const walkedBytes = 64;

/**
 * Where the string opened at `open` closes, or -1 when it does not. Most strings are short and a byte loop reads them
 * fastest; past 64 bytes the next quote is found with indexOf (a hundred times the speed of the loop over long text).
 * Once a quote found that way turns out escaped, the rest of the string is walked again, so text of many escaped
 * quotes costs no more than the walk.
 */
export function stringEnd(bytes: Uint8Array, open: number): number {
  const walkUntil = Math.min(bytes.length, open + 1 + walkedBytes);
  let at = open + 1;
  for (let byte = bytes[at]; byte !== quote; byte = bytes[at]) {
    if (byte === backslash) at++;
    if (++at >= walkUntil) return at < bytes.length ? searchStringEnd(bytes, open, at) : -1;
  }
  return at;
}

/** The rest of a long string, from `from`: the next quote, or a walk to the end once a quote found is escaped. */
function searchStringEnd(bytes: Uint8Array, open: number, from: number): number {
  const next = bytes.indexOf(quote, from);
  if (next === -1 || bytes[next - 1] !== backslash) return next;
  let at = open + 1;
  for (let byte = bytes[at]; byte !== quote; byte = bytes[at]) {
    if (byte === backslash) at++;
    if (++at >= bytes.length) return -1;
  }
  return at;
}
