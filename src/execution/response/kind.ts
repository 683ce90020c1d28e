// What a response kind does: find the records of a list, or the one record, in an upstream body.
import type { z } from 'zod';

export interface Mapped<T> {
  value: T;
  /** Said to the caller when mapping had to hold something back (e.g. related records past a cap). */
  notice?: string;
}

/** What mapping may spend on one answer. */
export interface MappingLimits {
  /** The size budget of the call's result, when it has one: there is no point building much more than that. */
  resultBudgetBytes?: number | undefined;
}

/**
 * Which records of a list are wanted, from `start` up to (not including) `end`. Only those are mapped: an upstream
 * may ignore the page size and send 90,000 records where 100 were asked for.
 */
export interface RecordWindow {
  start: number;
  end: number;
}

export interface MappedList extends Mapped<unknown> {
  /** How many records the list holds, in the window or not (when `value` is the window's array). */
  length?: number;
}

export interface ResponseKind<S extends { kind: string }> {
  schema: z.ZodType<S, any>;
  /** The records of a list in the window; anything but an array means the body is not the list the definition promised. */
  records(response: S, body: unknown, limits: MappingLimits, window: RecordWindow): MappedList;
  /** Where a list's records are in the body: keys (and list positions) from the top. */
  recordsPath(response: S): string[];
  record(response: S, body: unknown, limits: MappingLimits): Mapped<unknown>;
}
