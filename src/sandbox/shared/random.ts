/** Deterministic pseudo-random source (mulberry32): the same seed always yields the same sequence. */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` returns 'a' three times as often as 'b'. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** `count` distinct items in random order (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[];
  /** `count` values drawn by weight, shuffled, containing every value of `entries` at least once. */
  covering<T>(entries: readonly (readonly [T, number])[], count: number): T[];
  /** A version 4 UUID drawn from this source (ids of APIs that use UUIDs). */
  uuid(): string;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick() needs a non-empty list');
    return item;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return pick(entries)[0];
  };
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const chosen = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(...pool.splice(int(0, pool.length - 1), 1));
    }
    return chosen;
  };
  return {
    next,
    int,
    pick,
    chance: (probability) => next() < probability,
    weighted,
    sample,
    covering: (entries, count) => {
      const values = entries.map(([value]) => value);
      while (values.length < count) values.push(weighted(entries));
      return sample(values, values.length);
    },
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16));
      hex[12] = '4';
      hex[16] = (8 + int(0, 3)).toString(16);
      const text = hex.join('');
      return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
    },
  };
}

/** Seeded records are dated relative to this moment, so the same seed always gives the same records. */
export const SEED_EPOCH = new Date('2026-11-01T09:00:00Z');

const DAY_MS = 86_400_000;

/** A point in time `days` days (fractional allowed) after `from`. */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** A random moment between two dates, rounded to the minute. */
export function randomMoment(random: Random, from: Date, to: Date): Date {
  const ms = from.getTime() + random.next() * Math.max(0, to.getTime() - from.getTime());
  return new Date(Math.floor(ms / 60_000) * 60_000);
}

export function earliest(a: Date, b: Date): Date {
  return a.getTime() < b.getTime() ? a : b;
}
