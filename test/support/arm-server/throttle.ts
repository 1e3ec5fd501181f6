// ARM's subscription throttling as documented since 2024 (learn.microsoft.com, "Understand how
// Azure Resource Manager throttles requests"): a token bucket per subscription and operation
// kind — reads 250 tokens refilled at 25/s, writes and deletes 200 at 10/s. A request finding
// the bucket empty gets 429 TooManyRequests with Retry-After (whole seconds until a token is
// back); every answer carries the tokens left (x-ms-ratelimit-remaining-subscription-*).
import { armError, type ArmReply } from './http.js';

export interface BucketShape {
  size: number;
  refillPerSecond: number;
}

export interface ThrottleOptions {
  reads: BucketShape;
  writes: BucketShape;
  deletes: BucketShape;
}

/** ARM's published buckets per subscription (and principal). */
export const armSubscriptionBuckets: ThrottleOptions = {
  reads: { size: 250, refillPerSecond: 25 },
  writes: { size: 200, refillPerSecond: 10 },
  deletes: { size: 200, refillPerSecond: 10 },
};

type Kind = keyof ThrottleOptions;

const kindOf = (method: string): Kind => (method === 'GET' || method === 'HEAD' ? 'reads' : method === 'DELETE' ? 'deletes' : 'writes');

class Bucket {
  private tokens: number;
  private last = Date.now();

  constructor(private readonly shape: BucketShape) {
    this.tokens = shape.size;
  }

  /** Takes a token: the tokens left, or the seconds until one is back when there is none. */
  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.shape.size, this.tokens + ((now - this.last) / 1000) * this.shape.refillPerSecond);
    this.last = now;
  }

  take(): { granted: true; left: number } | { granted: false; retryAfterSeconds: number } {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { granted: true, left: Math.floor(this.tokens) };
    }
    return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.shape.refillPerSecond)) };
  }

  /** Every token gone: what another client of the same subscription and principal leaves behind. */
  empty(): void {
    this.refill();
    this.tokens = 0;
  }
}

export class SubscriptionThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly spentBeforeNext = new Set<string>();
  /** Requests answered 429 so far, by kind. */
  readonly throttled: Record<Kind, number> = { reads: 0, writes: 0, deletes: 0 };

  constructor(private readonly options: ThrottleOptions) {}

  private bucket(subscription: string, kind: Kind): Bucket {
    const key = `${subscription}/${kind}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Bucket(this.options[kind])));
    return bucket;
  }

  /**
   * The next request of this kind finds the bucket spent (as a busy neighbour of the same
   * subscription and principal leaves it), whenever it comes: a 429 the client must wait out.
   */
  exhaustBeforeNext(subscription: string, kind: Kind): void {
    this.spentBeforeNext.add(`${subscription}/${kind}`);
  }

  /** Either the 429 to answer instead, or the header to add to the real answer. */
  admit(subscription: string, method: string): { reply: ArmReply } | { headers: Record<string, string> } {
    const kind = kindOf(method);
    const bucket = this.bucket(subscription, kind);
    if (this.spentBeforeNext.delete(`${subscription}/${kind}`)) bucket.empty();
    const outcome = bucket.take();
    const header = `x-ms-ratelimit-remaining-subscription-${kind}`;
    if (outcome.granted) return { headers: { [header]: String(outcome.left) } };
    this.throttled[kind] += 1;
    const reply = armError(429, 'TooManyRequests',
      `Number of '${kind.slice(0, -1)}' requests for subscription '${subscription}' exceeded. Please try again after '${outcome.retryAfterSeconds}' seconds after the additional tokens are available.`);
    reply.headers = { 'retry-after': String(outcome.retryAfterSeconds), [header]: '0' };
    return { reply };
  }
}
