// JSON text parsed a slice at a time. V8's JSON.parse cannot be paused: one parse of a 3.6 MB upstream body of small
// records holds the event loop for ~50 ms, and every other call waits. Here a container larger than a slice is taken
// apart at its own commas, each run of its members (up to about a slice of text) is parsed by JSON.parse, a string
// larger than a slice is parsed a piece at a time, and the caller's `nextTurn` runs between slices. The values are
// JSON.parse's own, put together as JSON.parse would (the last of duplicate keys wins, `__proto__` is an ordinary
// key); text JSON.parse refuses is refused with a SyntaxError (except inside the entries a window leaves out, which
// are only walked over), and an object key over `maxKeyBytes` with KeyTooLong.
import { backslash, closeBrace, closeBracket, colon, comma, isSpace, openBrace, openBracket, quote, stringEnd } from './json-bytes.ts';

export interface ScanLimits {
  /** Deepest nesting of arrays and objects. */
  depth: number;
  /** Containers and strings longer than this (bytes) are noted in `large`. */
  largerThan: number;
  /**
   * Most entries in one list and in one object (a list or object grows by copying itself, all in one turn), and most
   * lists and objects in all (each one built is memory the garbage collector copies while it lives).
   */
  entries?: { list: number; object: number; containers: number };
}

/** One pass over JSON text's bytes, a stretch at a time: how deep and wide it is, and where its large containers are. */
export class ContainerScan {
  /** Nesting too deep, a list or object with too many entries, or brackets that do not balance (it cannot be JSON). */
  problem?: 'too_deep' | 'too_wide' | 'unbalanced';
  /** Where each array, object or string longer than `largerThan` bytes starts → where it ends (its closing bracket or quote). */
  readonly large = new Map<number, number>();
  private readonly bytes: Uint8Array;
  private readonly limits: ScanLimits;
  /** Where each container still open starts, and the commas seen in it so far. */
  private readonly starts: Int32Array;
  private readonly commas: Int32Array;
  private depth = 0;
  private containers = 0;
  private at = 0;

  constructor(bytes: Uint8Array, limits: ScanLimits) {
    this.bytes = bytes;
    this.limits = limits;
    this.starts = new Int32Array(limits.depth + 1);
    this.commas = new Int32Array(limits.depth + 1);
  }

  /** Scans about `length` more bytes (a string to its end); true once the scan is over, to the end or to a problem. */
  scanOn(length: number): boolean {
    const { bytes, starts, commas, large, limits } = this;
    const maxListCommas = (limits.entries?.list ?? Infinity) - 1;
    const maxObjectCommas = (limits.entries?.object ?? Infinity) - 1;
    const maxContainers = limits.entries?.containers ?? Infinity;
    const stop = Math.min(bytes.length, this.at + length);
    let depth = this.depth;
    let i = this.at;
    for (; i < stop; i++) {
      const byte = bytes[i]!;
      if (byte === quote) {
        const start = i;
        i = stringEnd(bytes, i);
        if (i === -1) return this.end('unbalanced');
        if (i - start > limits.largerThan) large.set(start, i);
      } else if (byte === openBracket || byte === openBrace) {
        if (depth === limits.depth) return this.end('too_deep');
        if (++this.containers > maxContainers) return this.end('too_wide');
        commas[depth] = 0;
        starts[depth++] = i;
      } else if (byte === closeBracket || byte === closeBrace) {
        if (depth === 0) return this.end('unbalanced');
        const start = starts[--depth]!;
        if (i - start > limits.largerThan) large.set(start, i);
      } else if (byte === comma && depth > 0) {
        const count = ++commas[depth - 1]!;
        if (count > (bytes[starts[depth - 1]!] === openBrace ? maxObjectCommas : maxListCommas)) return this.end('too_wide');
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

export interface SliceOptions {
  /**
   * About how much text one JSON.parse call, and one turn, takes on (and four times as much text walked over to find
   * where runs of members end). A single number is parsed whole, whatever its length (JSON.parse reads 10 MB of
   * digits in about 10 ms).
   */
  sliceBytes: number;
  /** Runs between slices (e.g. waits for the next event-loop turn). */
  nextTurn: () => Promise<void>;
  /**
   * Of the list at `path` (keys and list positions from the top), only the entries from `start` up to (not including)
   * `end` are wanted: when the list is large the others are walked over and counted (the list keeps its length, with
   * holes) but not parsed or checked.
   */
  window?: ListWindow;
  /** Object keys are parsed whole (with their member): a key larger than a slice and than this is refused with KeyTooLong. */
  maxKeyBytes?: number;
}

export interface ListWindow {
  path: readonly string[];
  start: number;
  end: number;
}

/**
 * Parses UTF-8 JSON text whose large containers and strings a ContainerScan found (with `largerThan` ≤ `sliceBytes`;
 * the scan must have found no problem). Text with nothing large in it is parsed at once.
 */
export function parseJsonInSlices(bytes: Buffer, large: Map<number, number>, options: SliceOptions): Promise<unknown> {
  return new SlicedParse(bytes, large, options).document();
}

class SlicedParse {
  private readonly bytes: Buffer;
  private readonly large: Map<number, number>;
  private readonly options: SliceOptions;
  private parsedSinceTurn = 0;
  /** Where the walk over the text takes its next turn: walking a byte costs about a quarter of parsing it. */
  private walkUntil: number;

  constructor(bytes: Buffer, large: Map<number, number>, options: SliceOptions) {
    this.bytes = bytes;
    this.large = large;
    this.options = options;
    this.walkUntil = 4 * options.sliceBytes;
  }

  async document(): Promise<unknown> {
    const start = this.skipSpace(0, this.bytes.length);
    const end = this.large.get(start);
    if (end === undefined) return JSON.parse(this.bytes.toString('utf8'));
    const value = await this.value(start, end, this.options.window ? [] : undefined);
    if (this.skipSpace(end + 1, this.bytes.length) !== this.bytes.length) throw unexpected(end + 1);
    return value;
  }

  /** A large value: a container or a string. `path`: where it is, while that leads to the window's list. */
  private value(start: number, end: number, path: readonly string[] | undefined): Promise<unknown> {
    return this.bytes[start] === quote ? this.string(start, end) : this.container(start, end, path);
  }

  /** The path of a member, when it leads to the window's list. */
  private pathTo(path: readonly string[] | undefined, segment: string): readonly string[] | undefined {
    const window = this.options.window;
    return path !== undefined && window !== undefined && window.path[path.length] === segment ? [...path, segment] : undefined;
  }

  /** The array or object from `start` to its closing bracket at `end`, a run of members at a time. */
  private async container(start: number, end: number, path: readonly string[] | undefined): Promise<unknown[] | Record<string, unknown>> {
    const { bytes } = this;
    const isArray = bytes[start] === openBracket;
    if (bytes[end] !== (isArray ? closeBracket : closeBrace)) throw unexpected(end);
    const into: unknown[] | Record<string, unknown> = isArray ? [] : {};
    const window = isArray && path?.length === this.options.window?.path.length ? this.options.window : undefined;
    const wanted = (index: number) => window === undefined || (index >= window.start && index < window.end);
    if (window) (into as unknown[]).length = window.start;
    /** Commas between members passed so far: the index of the member being walked. */
    let members = 0;
    /** Where the members not yet parsed start, or -1 when none are pending (just after a large member). */
    let runStart = start + 1;
    /** Where the member being walked starts (just after the comma before it). */
    let memberStart = start + 1;
    /** Where the last byte of a member (not a space, not a comma between members) was seen. */
    let lastContent = start;
    let depth = 0;
    /** A member whose value is large, from `at` to `valueEnd`: the run before it is parsed, then the value on its own. */
    const largeMember = async (at: number, valueEnd: number) => {
      if (runStart === -1) throw unexpected(at);
      if (memberStart > runStart) await this.run(into, runStart, memberStart - 1);
      // Before a large value: nothing in a list; `"key":` in an object (its colon is the last byte seen).
      if (isArray ? lastContent >= memberStart : lastContent < memberStart || bytes[lastContent] !== colon) throw unexpected(at);
      const key = isArray ? String(members) : this.memberKey(memberStart, lastContent);
      runStart = -1;
      lastContent = valueEnd;
      if (!wanted(members)) return;
      const value = await this.value(at, valueEnd, this.pathTo(path, key));
      if (isArray) (into as unknown[]).push(value);
      else setMember(into as Record<string, unknown>, key, value);
    };
    for (let i = start + 1; i < end; i++) {
      if (i >= this.walkUntil) await this.nextTurn(i);
      const byte = bytes[i]!;
      if (byte === quote) {
        if (runStart === -1) throw unexpected(i);
        const largeEnd = depth === 0 ? this.large.get(i) : undefined;
        const isKey = !isArray && lastContent < memberStart;
        if (largeEnd !== undefined && isKey && largeEnd - i + 1 > (this.options.maxKeyBytes ?? Infinity)) throw new KeyTooLong(`an object key of ${largeEnd - i + 1} bytes`);
        if (largeEnd !== undefined && !isKey) {
          await largeMember(i, largeEnd);
          i = largeEnd;
          continue;
        }
        lastContent = i;
        i = stringEnd(bytes, i);
        if (i === -1) throw unexpected(end);
      } else if (depth > 0) {
        if (byte === openBracket || byte === openBrace) depth++;
        else if (byte === closeBracket || byte === closeBrace) depth--;
      } else if (byte === comma) {
        if (runStart === -1) runStart = i + 1;
        else {
          // Nothing between two commas (JSON.parse would not see it once the run around it is cut away).
          if (lastContent < memberStart) throw unexpected(i);
          // Outside a window, members are dropped one by one; its last member ends a run.
          if (!wanted(members)) runStart = i + 1;
          else if (i - runStart >= this.options.sliceBytes || members + 1 === window?.end) {
            await this.run(into, runStart, i);
            runStart = i + 1;
          }
        }
        members++;
        memberStart = i + 1;
      } else if (byte === openBracket || byte === openBrace) {
        const childEnd = this.large.get(i);
        if (runStart === -1) throw unexpected(i);
        if (childEnd === undefined) {
          lastContent = i;
          depth++;
          continue;
        }
        await largeMember(i, childEnd);
        i = childEnd;
      } else if (!isSpace(byte)) {
        if (runStart === -1) throw unexpected(i);
        lastContent = i;
      }
    }
    const empty = lastContent === start && memberStart === start + 1;
    if (runStart !== -1 && !empty) {
      if (lastContent < memberStart) throw unexpected(end);
      if (wanted(members)) await this.run(into, runStart, end);
    }
    if (window) (into as unknown[]).length = empty ? 0 : members + 1;
    return into;
  }

  /** Members from `from` to `to` (commas between them, none around them), added to `into`. */
  private async run(into: unknown[] | Record<string, unknown>, from: number, to: number): Promise<void> {
    const text = this.bytes.toString('utf8', from, to);
    if (Array.isArray(into)) {
      for (const item of JSON.parse(`[${text}]`) as unknown[]) into.push(item);
    } else {
      const members = JSON.parse(`{${text}}`) as Record<string, unknown>;
      for (const key of Object.keys(members)) setMember(into, key, members[key]);
    }
    this.parsedSinceTurn += to - from;
    if (this.parsedSinceTurn >= this.options.sliceBytes) await this.nextTurn(to);
  }

  /**
   * A large string from its opening quote to its closing one, parsed a piece at a time: pieces end where neither an
   * escape (`\\u0041`) nor a character's UTF-8 bytes are cut, and a surrogate pair cut in two joins up again.
   */
  private async string(open: number, close: number): Promise<string> {
    const { bytes } = this;
    const pieces: string[] = [];
    let from = open + 1;
    while (from < close) {
      const stop = Math.min(close, from + this.options.sliceBytes);
      let at = from;
      while (at < stop) at += bytes[at] !== backslash ? 1 : bytes[at + 1] === 0x75 ? 6 : 2;
      while (at < close && (bytes[at]! & 0xc0) === 0x80) at++;
      const to = Math.min(at, close);
      pieces.push(JSON.parse(`"${bytes.toString('utf8', from, to)}"`) as string);
      this.parsedSinceTurn += to - from;
      if (this.parsedSinceTurn >= this.options.sliceBytes) await this.nextTurn(to);
      from = to;
    }
    return pieces.join('');
  }

  /** The key of an object member: the string from `from` to the colon at `colonAt`, spaces around it. */
  private memberKey(from: number, colonAt: number): string {
    const key: unknown = JSON.parse(this.bytes.toString('utf8', from, colonAt));
    if (typeof key !== 'string') throw unexpected(from);
    return key;
  }

  private skipSpace(from: number, to: number): number {
    let at = from;
    while (at < to && isSpace(this.bytes[at]!)) at++;
    return at;
  }

  private async nextTurn(at: number): Promise<void> {
    this.parsedSinceTurn = 0;
    this.walkUntil = at + 4 * this.options.sliceBytes;
    await this.options.nextTurn();
  }
}

/** As JSON.parse adds a member: an own property, even one named `__proto__`. */
function setMember(into: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(into, key, { value, writable: true, enumerable: true, configurable: true });
  else into[key] = value;
}

/** An object key longer than `maxKeyBytes`. */
export class KeyTooLong extends Error {}

const unexpected = (position: number) => new SyntaxError(`Unexpected token in JSON at byte ${position}`);
