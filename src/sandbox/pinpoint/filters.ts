import { badRequest } from './errors.ts';
import type { FilterOperator } from './query.ts';

/** Turns the values of one `filter[name][operator]` parameter into a row predicate (or a 400). */
export interface FilterDefinition<Row> {
  build(operator: FilterOperator, values: string[], key: string): (row: Row) => boolean;
}

type Scalar = string | number | boolean | null;

/** Equality against any of the comma-separated values, case-insensitive; `allowed` restricts the values. */
export function matchAny<Row>(read: (row: Row) => Scalar, allowed?: readonly string[]): FilterDefinition<Row> {
  return {
    build(operator, values, key) {
      requireEquality(operator, key);
      requireValues(values, key);
      const wanted = new Set(values.map((value) => value.toLowerCase()));
      if (allowed) {
        const allowedLowerCase = allowed.map((value) => value.toLowerCase());
        const unknown = values.filter((value) => !allowedLowerCase.includes(value.toLowerCase()));
        if (unknown.length > 0) throw badRequest(`${key} must be one or more of ${allowed.join(', ')} (got ${unknown.join(', ')})`);
      }
      return (row) => wanted.has(String(read(row)).toLowerCase());
    },
  };
}

/** Case-insensitive "contains" over several text fields. */
export function textSearch<Row>(...reads: ((row: Row) => string | null)[]): FilterDefinition<Row> {
  return {
    build(operator, values, key) {
      requireEquality(operator, key);
      requireValues(values, key);
      const needles = values.map((value) => value.toLowerCase());
      return (row) => reads.some((read) => needles.some((needle) => (read(row) ?? '').toLowerCase().includes(needle)));
    },
  };
}

/** Comparison of an ISO time field: filter[created_at][gt]=2026-01-01T00:00:00Z */
export function timeRange<Row>(read: (row: Row) => string | null): FilterDefinition<Row> {
  return {
    build(operator, values, key) {
      if (operator === 'eq') throw badRequest(`${key} needs an operator: gt, gte, lt or lte (e.g. filter[created_at][gt]=...)`);
      const bound = values.length === 1 && values[0] !== undefined ? Date.parse(values[0]) : Number.NaN;
      if (Number.isNaN(bound)) throw badRequest(`${key} must be one ISO 8601 date-time`);
      return (row) => {
        const raw = read(row);
        if (raw === null) return false;
        const time = Date.parse(raw);
        switch (operator) {
          case 'gt':
            return time > bound;
          case 'gte':
            return time >= bound;
          case 'lt':
            return time < bound;
          case 'lte':
            return time <= bound;
        }
      };
    },
  };
}

function requireEquality(operator: FilterOperator, key: string): void {
  if (operator !== 'eq') throw badRequest(`${key}: operator "${operator}" is not supported by this filter`);
}

function requireValues(values: string[], key: string): void {
  if (values.length === 0) throw badRequest(`${key} needs at least one value`);
}
