// Reads a V8 .cpuprofile (node --cpu-prof): self time per function and per code area, folded stacks
// (the flamegraph.pl / speedscope input format) and a self-contained SVG flame graph.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface HotFunction {
  function: string;
  location: string;
  area: string;
  /** Share of the busy (non-idle) samples spent in this function itself. */
  selfPercent: number;
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  /** Share of the samples the process was not idle. */
  busyPercent: number;
  top: HotFunction[];
  /** Self time per area (switchboard source file, npm package, Node internals, GC), busy share. */
  areas: { area: string; selfPercent: number }[];
  /** Inclusive time of the frames of interest: share of busy samples under them. */
  inclusive: { function: string; location: string; percent: number }[];
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function location(frame: CallFrame): string {
  if (!frame.url) return '';
  let path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  if (path.startsWith(repoRoot)) path = relative(repoRoot, path);
  return `${path}:${frame.lineNumber + 1}`;
}

export function areaOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(repoRoot) ? relative(repoRoot, path) : path;
}

/**
 * `window` keeps only the samples taken between two instants of the monotonic clock, in microseconds
 * (process.hrtime.bigint() / 1000n in any process of the machine: V8 stamps samples with the same clock).
 */
export function analyzeProfile(file: string, options: { top?: number; inclusiveOf?: RegExp; window?: { fromUs: number; toUs: number } } = {}): { summary: ProfileSummary; folded: string; svg: string } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let at = profile.startTime;
  let kept = 0;
  let first = Infinity;
  let last = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (options.window && (at < options.window.fromUs || at > options.window.toUs)) continue;
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + 1);
    kept++;
    first = Math.min(first, at);
    last = Math.max(last, at);
  }
  const isIdle = (node: ProfileNode) => node.callFrame.functionName === '(idle)';
  let busy = 0;
  for (const [id, count] of self) if (!isIdle(byId.get(id)!)) busy += count;
  busy ||= 1;

  // Self time per function (merged across call sites) and per area.
  const functions = new Map<string, HotFunction & { samples: number }>();
  const areas = new Map<string, number>();
  for (const [id, count] of self) {
    const node = byId.get(id)!;
    if (isIdle(node)) continue;
    const frame = node.callFrame;
    const key = `${frame.functionName}@${frame.url}:${frame.lineNumber}`;
    const entry = functions.get(key) ?? { function: frame.functionName || '(anonymous)', location: location(frame), area: areaOf(frame), selfPercent: 0, samples: 0 };
    entry.samples += count;
    functions.set(key, entry);
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + count);
  }
  const top = [...functions.values()].sort((a, b) => b.samples - a.samples).slice(0, options.top ?? 25)
    .map(({ samples, ...rest }) => ({ ...rest, selfPercent: round(100 * samples / busy) }));

  // Inclusive time: samples whose stack contains a frame matching inclusiveOf, counted once per stack.
  const stackOf = (id: number): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.unshift(byId.get(at)!);
    return stack;
  };
  const inclusive = new Map<string, { function: string; location: string; samples: number }>();
  const foldedLines = new Map<string, number>();
  for (const [id, count] of self) {
    const node = byId.get(id)!;
    if (isIdle(node)) continue;
    const stack = stackOf(id).filter((frame) => frame.callFrame.functionName !== '(root)');
    const seen = new Set<string>();
    for (const frame of stack) {
      const label = `${frame.callFrame.functionName || '(anonymous)'} ${location(frame.callFrame)}`;
      if (options.inclusiveOf && options.inclusiveOf.test(label) && !seen.has(label)) {
        seen.add(label);
        const entry = inclusive.get(label) ?? { function: frame.callFrame.functionName || '(anonymous)', location: location(frame.callFrame), samples: 0 };
        entry.samples += count;
        inclusive.set(label, entry);
      }
    }
    const line = stack.map((frame) => `${frame.callFrame.functionName || '(anonymous)'} (${location(frame.callFrame) || areaOf(frame.callFrame)})`.replaceAll(';', ',')).join(';');
    foldedLines.set(line, (foldedLines.get(line) ?? 0) + count);
  }

  const summary: ProfileSummary = {
    file,
    seconds: round(kept > 0 ? (last - first) / 1e6 : 0),
    busyPercent: round(100 * busy / Math.max(1, kept)),
    top,
    areas: [...areas].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([area, samples]) => ({ area, selfPercent: round(100 * samples / busy) })),
    inclusive: [...inclusive.values()].sort((a, b) => b.samples - a.samples).slice(0, 30)
      .map(({ samples, ...rest }) => ({ ...rest, percent: round(100 * samples / busy) })),
  };
  const folded = [...foldedLines].map(([line, count]) => `${line} ${count}`).join('\n') + '\n';
  return { summary, folded, svg: flameGraph(foldedLines, `CPU flame graph: ${relative(repoRoot, file)} (${summary.seconds} s, idle left out)`) };
}

const round = (value: number) => Math.round(value * 100) / 100;

interface Frame { name: string; value: number; children: Map<string, Frame> }

/** A plain SVG flame graph (root at the bottom, width = share of busy samples, hover for names). */
export function flameGraph(folded: Map<string, number>, title: string): string {
  const root: Frame = { name: 'all', value: 0, children: new Map() };
  for (const [line, count] of folded) {
    root.value += count;
    let at = root;
    for (const name of line.split(';')) {
      let child = at.children.get(name);
      if (!child) { child = { name, value: 0, children: new Map() }; at.children.set(name, child); }
      child.value += count;
      at = child;
    }
  }
  const depthOf = (frame: Frame): number => 1 + Math.max(0, ...[...frame.children.values()].map(depthOf));
  const width = 1600;
  const rowHeight = 16;
  const depth = depthOf(root);
  const height = (depth + 2) * rowHeight + 20;
  const rects: string[] = [];
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const colour = (name: string) => {
    if (name.includes('src/')) return '#e8743b';
    if (name.includes('node_modules')) return '#5ab1ef';
    if (name.includes('node:')) return '#b6a2de';
    return '#c4ccd3';
  };
  const draw = (frame: Frame, x: number, level: number) => {
    const w = (frame.value / root.value) * width;
    if (w < 0.3) return;
    const y = height - (level + 1) * rowHeight - 10;
    const label = `${frame.name} (${(100 * frame.value / root.value).toFixed(1)}%)`;
    const text = w > 40 ? `<text x="${(x + 3).toFixed(1)}" y="${y + 12}" font-size="11" font-family="monospace" clip-path="inset(0 0 0 0)">${escape(frame.name.slice(0, Math.floor(w / 7)))}</text>` : '';
    rects.push(`<g><title>${escape(label)}</title><rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 1}" fill="${colour(frame.name)}" rx="2"/>${text}</g>`);
    let childX = x;
    for (const child of [...frame.children.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      draw(child, childX, level + 1);
      childX += (child.value / root.value) * width;
    }
  };
  draw(root, 0, 0);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/><text x="4" y="14" font-size="13" font-family="sans-serif">${escape(title)}</text>` +
    `${rects.join('')}</svg>\n`;
}

/** CLI: node bench/lib/profile.ts <file.cpuprofile> — prints the summary, writes .folded and .svg beside it. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2]!;
  const { summary, folded, svg } = analyzeProfile(file, { top: 40, inclusiveOf: /src\// });
  writeFileSync(file.replace(/\.cpuprofile$/, '.folded'), folded);
  writeFileSync(file.replace(/\.cpuprofile$/, '.svg'), svg);
  console.log(JSON.stringify(summary, null, 2));
}
