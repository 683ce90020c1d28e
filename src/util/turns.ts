// Event-loop turns for large pieces of work (checking and parsing a big body), shared by everything that has such
// work, so one poll of the event loop never runs more than one of their steps.

/**
 * Request bodies take two short steps each; an upstream body may take dozens of slices. Each has a lane of its own
 * and the lanes take turns, so neither kind waits for all the other kind's work.
 */
export type Lane = 'requests' | 'upstream';

interface Step {
  job: number;
  run: () => void;
}

const lanes: Record<Lane, Step[]> = { requests: [], upstream: [] };
let lastLane: Lane = 'upstream';
let running = false;
let jobsSeen = 0;

/**
 * Takes turns for one job's steps. Each step runs in an event-loop turn of its own, with other I/O between the turns
 * (immediates queued together would run together). In a lane the oldest job's steps go first, so its jobs are done one
 * after another rather than all at once: ten 10 MB bodies read a slice each in turn would hold ten bodies' records in
 * memory together, and the garbage collector's pauses grow with them.
 */
export function turnTaker(lane: Lane): () => Promise<void> {
  const job = jobsSeen++;
  const waiting = lanes[lane];
  return () => new Promise((run) => {
    let at = waiting.length;
    while (at > 0 && waiting[at - 1]!.job > job) at--;
    waiting.splice(at, 0, { job, run });
    if (!running) {
      running = true;
      setImmediate(runNext);
    }
  });
}

function runNext(): void {
  const other: Lane = lastLane === 'requests' ? 'upstream' : 'requests';
  if (lanes[other].length > 0) lastLane = other;
  lanes[lastLane].shift()!.run();
  if (lanes.requests.length > 0 || lanes.upstream.length > 0) setImmediate(runNext);
  else running = false;
}
