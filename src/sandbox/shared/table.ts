export interface Identified<Id extends number | string = number> {
  id: Id;
}

/**
 * An in-memory table keyed by id. Numeric ids auto-increment from a first id (skipping ids taken explicitly) and
 * list in id order; string ids (UUIDs) come from a generator and list in insertion order.
 */
export class Table<Row extends Identified<Id>, Id extends number | string = number> {
  readonly #rows = new Map<Id, Row>();
  readonly #newId: () => Id;

  constructor(ids: number | (() => Id)) {
    if (typeof ids === 'number') {
      let next = ids;
      this.#newId = () => {
        while (this.#rows.has(next as Id)) next += 1;
        next += 1;
        return (next - 1) as Id;
      };
    } else {
      this.#newId = () => {
        let id: Id;
        do id = ids();
        while (this.#rows.has(id));
        return id;
      };
    }
  }

  /** Inserts a row; `id` forces a specific id (used for planted records). */
  insert(values: Omit<Row, 'id'>, id?: Id): Row {
    const rowId = id ?? this.#newId();
    if (this.#rows.has(rowId)) throw new Error(`duplicate id ${rowId}`);
    const row = { id: rowId, ...values } as Row;
    this.#rows.set(rowId, row);
    return row;
  }

  get(id: Id): Row | undefined {
    return this.#rows.get(id);
  }

  /** All rows: by id when ids are numbers, else in insertion order. */
  all(): Row[] {
    const rows = [...this.#rows.values()];
    return typeof rows[0]?.id === 'number' ? rows.sort((a, b) => (a.id as number) - (b.id as number)) : rows;
  }

  where(predicate: (row: Row) => boolean): Row[] {
    return this.all().filter(predicate);
  }

  find(predicate: (row: Row) => boolean): Row | undefined {
    for (const row of this.#rows.values()) if (predicate(row)) return row;
    return undefined;
  }

  /** Changes fields in place and returns the row. */
  update(row: Row, changes: Partial<Omit<Row, 'id'>>): Row {
    return Object.assign(row, changes);
  }

  delete(id: Id): boolean {
    return this.#rows.delete(id);
  }

  get size(): number {
    return this.#rows.size;
  }
}
