// Event-loop turns for large pieces of work (parsing a big body, a slice at a time), shared by everything that has
// such work, so one poll of the event loop never runs more than one of their steps.

/** Steps waiting for a turn, the oldest job's first. */
const waiting: { job: number; run: () => void }[] = [];
let running = false;
let jobsSeen = 0;

/**
 * Takes turns for one job's steps. Each step runs in an event-loop turn of its own, with other I/O between the turns
 * (immediates queued together would run together); the oldest job's steps go first, so jobs are done one after
 * another rather than all at once: ten 10 MB bodies read a slice each in turn would hold ten bodies' records in
 * memory together, and the garbage collector's pauses grow with them.
 */
export function turnTaker(): () => Promise<void> {
  const job = jobsSeen++;
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
  waiting.shift()!.run();
  if (waiting.length > 0) setImmediate(runNext);
  else running = false;
}
