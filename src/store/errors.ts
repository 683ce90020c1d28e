// Store errors in one shape for every backend, so callers and tests need not know the database's wording.

/** PostgreSQL or Redis does not answer (refused, unknown host, timeout, login or database refused); names the host. */
export class UnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreachableError';
  }
}

export class StoreConstraintError extends Error {
  readonly constraint: 'unique' | 'foreign_key' | 'check' | 'not_null';
  constructor(constraint: StoreConstraintError['constraint'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreConstraintError';
    this.constraint = constraint;
  }
}

/** An insert refused because its parent already holds `max` rows of its kind (a quota). */
export class LimitReachedError extends Error {
  readonly max: number;
  constructor(max: number) {
    super(`the limit of ${max} is reached`);
    this.name = 'LimitReachedError';
    this.max = max;
  }
}

const labels: Record<StoreConstraintError['constraint'], string> = {
  unique: 'UNIQUE',
  foreign_key: 'FOREIGN KEY',
  check: 'CHECK',
  not_null: 'NOT NULL',
};

/** "UNIQUE constraint failed: <what>", SQLite's wording, which PostgreSQL errors are given too. */
export function constraintError(constraint: StoreConstraintError['constraint'], what: string, cause: unknown): StoreConstraintError {
  return new StoreConstraintError(constraint, `${labels[constraint]} constraint failed${what ? `: ${what}` : ''}`, { cause });
}
