// Calls and errors over time as an SVG bar chart, described in words for screen readers.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Bucket, RangeId } from '../logs.ts';
import { niceMax, ranges } from '../logs.ts';
import { plural } from '../format.ts';

const height = 170;
const pad = { top: 12, right: 8, bottom: 24, left: 34 };

function tickLabel(time: number, range: RangeId): string {
  const date = new Date(time);
  if (range === '1h' || range === '24h') return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** The chart is drawn at the pixel width of its box, so text stays legible and the height stays small. */
function useWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(760);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(280, Math.round(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function LogChart({ buckets, range }: { buckets: Bucket[]; range: RangeId }) {
  const [box, width] = useWidth();
  const calls = buckets.reduce((sum, bucket) => sum + bucket.calls, 0);
  const errors = buckets.reduce((sum, bucket) => sum + bucket.errors, 0);
  const busiest = buckets.reduce<Bucket | undefined>((best, bucket) => (!best || bucket.calls > best.calls ? bucket : best), undefined);
  const max = niceMax(Math.max(1, ...buckets.map((bucket) => bucket.calls)));
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const slot = plotWidth / Math.max(1, buckets.length);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => pad.top + plotHeight - (value / max) * plotHeight;
  const tickEvery = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(width / 110))));
  const description = `${plural(calls, 'call')} and ${plural(errors, 'error')} in the ${ranges[range].label.toLowerCase()}`
    + (busiest && busiest.calls ? `; busiest period starting ${tickLabel(busiest.start, range)} with ${plural(busiest.calls, 'call')}.` : '.');

  return (
    <figure class="stack-small chart-figure" ref={box}>
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">MCP calls and errors over time</title>
        <desc id="chart-desc">{description}</desc>
        {[0, 0.5, 1].map((fraction) => (
          <g key={fraction}>
            <line class={fraction === 0 ? 'axis' : 'grid'} x1={pad.left} x2={width - pad.right} y1={y(max * fraction)} y2={y(max * fraction)} />
            <text x={pad.left - 6} y={y(max * fraction) + 4} text-anchor="end">{Math.round(max * fraction)}</text>
          </g>
        ))}
        {buckets.map((bucket, index) => {
          const x = pad.left + index * slot + (slot - barWidth) / 2;
          return (
            <g key={bucket.start}>
              {bucket.calls > 0 && <rect class="bar-calls" x={x} y={y(bucket.calls)} width={barWidth} height={y(0) - y(bucket.calls)} rx="2"><title>{`${tickLabel(bucket.start, range)}: ${plural(bucket.calls, 'call')}, ${plural(bucket.errors, 'error')}`}</title></rect>}
              {bucket.errors > 0 && <rect class="bar-errors" x={x} y={y(bucket.errors)} width={barWidth} height={y(0) - y(bucket.errors)} rx="2" />}
              {index % tickEvery === 0 && <text x={x + barWidth / 2} y={height - 6} text-anchor="middle">{tickLabel(bucket.start, range)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        <span class="calls">Calls</span>
        <span class="errors">Errors</span>
      </figcaption>
    </figure>
  );
}
