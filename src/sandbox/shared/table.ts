export interface Identified {
  id: number;
}

/** An in-memory table keyed by numeric id, with auto-increment that skips ids taken explicitly. */
export class Table<Row extends Identified> {
  readonly #rows = new Map<number, Row>();
  #nextId: number;

  constructor(firstId: number) {
    this.#nextId = firstId;
  }

  /** Inserts a row; `id` forces a specific id (used for planted records). */
  insert(values: Omit<Row, 'id'>, id?: number): Row {
    const rowId = id ?? this.#takeNextId();
    if (this.#rows.has(rowId)) throw new Error(`duplicate id ${rowId}`);
    const row = { id: rowId, ...values } as Row;
    this.#rows.set(rowId, row);
    return row;
  }

  get(id: number): Row | undefined {
    return this.#rows.get(id);
  }

  /** All rows ordered by id. */
  all(): Row[] {
    return [...this.#rows.values()].sort((a, b) => a.id - b.id);
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

  delete(id: number): boolean {
    return this.#rows.delete(id);
  }

  get size(): number {
    return this.#rows.size;
  }

  #takeNextId(): number {
    while (this.#rows.has(this.#nextId)) this.#nextId += 1;
    const id = this.#nextId;
    this.#nextId += 1;
    return id;
  }
}
