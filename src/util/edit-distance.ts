/** Names longer than this are never compared: the distance costs length × length, and no real name is that long. */
export const maxComparableNameLength = 128;

/** Levenshtein distance, for "did you mean" hints on argument and tool names; Infinity for over-long names. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length > maxComparableNameLength || b.length > maxComparableNameLength) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
