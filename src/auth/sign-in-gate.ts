// Who may have their password checked right now. A sign-in first takes a slot of the failure limit (per client
// address and per email) and gives it back only when the password was right: the slot is taken before the ~100 ms
// scrypt check, so concurrent guesses cannot all pass the limit check before any failure is recorded. And at most
// `concurrency` checks run at once on the node (each holds 32 MiB), so a flood cannot exhaust memory or the thread pool.
import type { GuessLimiter } from '../security/guess-limiter.ts';

export type Admission =
  | { ok: true; release(succeeded: boolean): void }
  | { ok: false; status: 429 | 503; retryAfterSeconds: number; message: string };

export class SignInGate {
  private readonly limiter: GuessLimiter;
  private readonly concurrency: number;
  private running = 0;

  constructor(options: { limiter: GuessLimiter; concurrency: number }) {
    this.limiter = options.limiter;
    this.concurrency = options.concurrency;
  }

  /** Admits one password check for these limiter keys, or says why not. Synchronous: check and take cannot interleave. */
  admit(keys: string[]): Admission {
    const wait = Math.max(...keys.map((key) => this.limiter.retryAfter(key)));
    if (wait > 0) return { ok: false, status: 429, retryAfterSeconds: wait, message: `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.` };
    if (this.running >= this.concurrency) {
      return { ok: false, status: 503, retryAfterSeconds: 1, message: 'Too many sign-ins are being checked at this moment; try again in a second.' };
    }
    this.running++;
    const taken = keys.map((key) => ({ key, time: this.limiter.miss(key) }));
    let released = false;
    return {
      ok: true,
      release: (succeeded) => {
        if (released) return;
        released = true;
        this.running--;
        if (succeeded) for (const { key, time } of taken) this.limiter.forgive(key, time);
      },
    };
  }
}
