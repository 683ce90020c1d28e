// JSON text parsed a slice at a time. V8's JSON.parse cannot be paused: one parse of a 3.6 MB upstream body of small
// records holds the event loop for ~50 ms, and every other call waits. Here a container larger than a slice is taken
// apart at its own commas, each run of its members (up to about a slice of text) is parsed by JSON.parse, and the
// caller's `nextTurn` runs between slices. The values are JSON.parse's own, put together as JSON.parse would (the last
// of duplicate keys wins, `__proto__` is an ordinary key); text JSON.parse refuses is refused with a SyntaxError.
import { closeBrace, closeBracket, comma, isSpace, openBrace, openBracket, quote, stringEnd } from './json-bytes.ts';

/** One pass over JSON text's bytes, a stretch at a time: how deep it nests, and where its large containers are. */
export class ContainerScan {
  /** Nesting deeper than the limit, or brackets that do not balance (the text cannot be JSON). */
  problem?: 'too_deep' | 'unbalanced';
  /** Where each array or object longer than `largerThan` bytes starts → where it ends (its closing bracket). */
  readonly large = new Map<number, number>();
  private readonly bytes: Uint8Array;
  private readonly limits: { depth: number; largerThan: number };
  /** Where each container still open starts. */
  private readonly starts: Int32Array;
  private depth = 0;
  private at = 0;

  constructor(bytes: Uint8Array, limits: { depth: number; largerThan: number }) {
    this.bytes = bytes;
    this.limits = limits;
    this.starts = new Int32Array(limits.depth + 1);
  }

  /** Scans about `length` more bytes (a string to its end); true once the scan is over, to the end or to a problem. */
  scanOn(length: number): boolean {
    const { bytes, starts, large, limits } = this;
    const stop = Math.min(bytes.length, this.at + length);
    let depth = this.depth;
    let i = this.at;
    for (; i < stop; i++) {
      const byte = bytes[i]!;
      if (byte === quote) {
        i = stringEnd(bytes, i);
        if (i === -1) return this.end('unbalanced');
      } else if (byte === openBracket || byte === openBrace) {
        if (depth === limits.depth) return this.end('too_deep');
        starts[depth++] = i;
      } else if (byte === closeBracket || byte === closeBrace) {
        if (depth === 0) return this.end('unbalanced');
        const start = starts[--depth]!;
        if (i - start > limits.largerThan) large.set(start, i);
      }
    }
    this.depth = depth;
    this.at = i;
    if (i < bytes.length) return false;
    return this.end(depth === 0 ? undefined : 'unbalanced');
  }

  private end(problem: ContainerScan['problem']): true {
    this.problem = problem;
    return true;
  }
}

/** The whole scan at once. */
export function scanContainers(bytes: Uint8Array, limits: { depth: number; largerThan: number }): ContainerScan {
  const scan = new ContainerScan(bytes, limits);
  scan.scanOn(bytes.length);
  return scan;
}

export interface SliceOptions {
  /** About how much text one JSON.parse call, and one turn, takes on. */
  sliceBytes: number;
  /** Runs between slices (e.g. waits for the next event-loop turn). */
  nextTurn: () => Promise<void>;
}

/**
 * Parses UTF-8 JSON text whose large containers `scanContainers` found (with `largerThan` ≤ `sliceBytes`; the scan
 * must have found no problem). Text with no large container is parsed at once.
 */
export function parseJsonInSlices(bytes: Buffer, large: Map<number, number>, options: SliceOptions): Promise<unknown> {
  return new SlicedParse(bytes, large, options).document();
}

class SlicedParse {
  private readonly bytes: Buffer;
  private readonly large: Map<number, number>;
  private readonly options: SliceOptions;
  private sinceTurn = 0;

  constructor(bytes: Buffer, large: Map<number, number>, options: SliceOptions) {
    this.bytes = bytes;
    this.large = large;
    this.options = options;
  }

  async document(): Promise<unknown> {
    const start = this.skipSpace(0, this.bytes.length);
    const end = this.large.get(start);
    if (end === undefined) return JSON.parse(this.bytes.toString('utf8'));
    const value = await this.container(start, end);
    if (this.skipSpace(end + 1, this.bytes.length) !== this.bytes.length) throw unexpected(end + 1);
    return value;
  }

  /** The array or object from `start` to its closing bracket at `end`, a run of members at a time. */
  private async container(start: number, end: number): Promise<unknown[] | Record<string, unknown>> {
    const { bytes } = this;
    const isArray = bytes[start] === openBracket;
    if (bytes[end] !== (isArray ? closeBracket : closeBrace)) throw unexpected(end);
    const into: unknown[] | Record<string, unknown> = isArray ? [] : {};
    /** Where the members not yet parsed start, or -1 when none are pending (just after a large member). */
    let runStart = start + 1;
    /** Where the member being scanned starts (just after the comma before it). */
    let memberStart = start + 1;
    let members = 0;
    let depth = 0;
    for (let i = start + 1; i < end; i++) {
      const byte = bytes[i]!;
      if (byte === quote) {
        if (runStart === -1) throw unexpected(i);
        i = stringEnd(bytes, i);
        if (i === -1) throw unexpected(end);
      } else if (depth > 0) {
        if (byte === openBracket || byte === openBrace) depth++;
        else if (byte === closeBracket || byte === closeBrace) depth--;
      } else if (byte === comma) {
        members++;
        if (runStart === -1) runStart = i + 1;
        else if (i - runStart >= this.options.sliceBytes) {
          await this.run(into, runStart, i);
          runStart = i + 1;
        }
        memberStart = i + 1;
      } else if (byte === openBracket || byte === openBrace) {
        const childEnd = this.large.get(i);
        if (childEnd === undefined) {
          if (runStart === -1) throw unexpected(i);
          depth++;
          continue;
        }
        if (runStart === -1) throw unexpected(i);
        if (memberStart > runStart) await this.run(into, runStart, memberStart - 1);
        const key = isArray ? this.expectSpace(memberStart, i) : this.memberKey(memberStart, i);
        const value = await this.container(i, childEnd);
        if (isArray) (into as unknown[]).push(value);
        else setMember(into as Record<string, unknown>, key!, value);
        runStart = -1;
        i = childEnd;
      } else if (runStart === -1 && !isSpace(byte)) throw unexpected(i);
    }
    if (runStart !== -1) {
      if (members === 0 && this.skipSpace(runStart, end) === end) return into;
      await this.run(into, runStart, end);
    }
    return into;
  }

  /** Members from `from` to `to` (commas between them, none around them), added to `into`. */
  private async run(into: unknown[] | Record<string, unknown>, from: number, to: number): Promise<void> {
    if (this.skipSpace(from, to) === to) throw unexpected(to);
    const text = this.bytes.toString('utf8', from, to);
    if (Array.isArray(into)) {
      for (const item of JSON.parse(`[${text}]`) as unknown[]) into.push(item);
    } else {
      const members = JSON.parse(`{${text}}`) as Record<string, unknown>;
      for (const key of Object.keys(members)) setMember(into, key, members[key]);
    }
    await this.spent(to - from);
  }

  /** The key of an object member whose value starts at `valueStart`: `"key" :` with spaces around. */
  private memberKey(from: number, valueStart: number): string {
    // No comma outside a string comes before the value, so this is one member or a SyntaxError.
    return Object.keys(JSON.parse(`{${this.bytes.toString('utf8', from, valueStart)}0}`) as object)[0]!;
  }

  private expectSpace(from: number, to: number): undefined {
    const at = this.skipSpace(from, to);
    if (at !== to) throw unexpected(at);
    return undefined;
  }

  private skipSpace(from: number, to: number): number {
    let at = from;
    while (at < to && isSpace(this.bytes[at]!)) at++;
    return at;
  }

  private async spent(bytes: number): Promise<void> {
    this.sinceTurn += bytes;
    if (this.sinceTurn < this.options.sliceBytes) return;
    this.sinceTurn = 0;
    await this.options.nextTurn();
  }
}

/** As JSON.parse adds a member: an own property, even one named `__proto__`. */
function setMember(into: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(into, key, { value, writable: true, enumerable: true, configurable: true });
  else into[key] = value;
}

const unexpected = (position: number) => new SyntaxError(`Unexpected token in JSON at byte ${position}`);
