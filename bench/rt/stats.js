// Latency histogram: log-linear buckets over microseconds (exact below 128 µs, then 64 buckets per power of two,
// so a percentile is off by at most 1/64 upwards). Percentiles come from the counts, never from averages.
const SUB = 64;
const LINEAR = 2 * SUB;
const MAX_US = 2 ** 31 - 1;
const BUCKETS = LINEAR + 25 * SUB;

export class Histogram {
  constructor() {
    this.counts = new Uint32Array(BUCKETS);
    this.count = 0;
    this.max = 0;
  }

  record(us) {
    const v = Math.min(MAX_US, Math.max(0, Math.floor(us)));
    this.counts[indexOf(v)]++;
    this.count++;
    if (v > this.max) this.max = v;
  }

  /** The value (µs, the top of its bucket) at or below which `p` percent of the recorded values lie; null if none. */
  percentile(p) {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, topOf(i));
    }
    return this.max;
  }

  /** p50/p99/max in milliseconds, for reports. */
  summaryMs() {
    const ms = (us) => (us === null ? null : us / 1000);
    return { count: this.count, p50: ms(this.percentile(50)), p99: ms(this.percentile(99)), max: ms(this.count ? this.max : null) };
  }
}

function indexOf(v) {
  if (v < LINEAR) return v;
  const shift = 31 - Math.clz32(v) - 6; // v >> shift lies in [64, 128)
  return LINEAR + (shift - 1) * SUB + ((v >> shift) - SUB);
}

function topOf(index) {
  if (index < LINEAR) return index;
  const shift = Math.floor((index - LINEAR) / SUB) + 1;
  const mantissa = ((index - LINEAR) % SUB) + SUB;
  return (mantissa + 1) * 2 ** shift - 1;
}
