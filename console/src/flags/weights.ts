/**
 * Rollout weights are in units of 0.001 %: they sum to this (everyone), as the admin API says.
 * sdk-core's BUCKETS is the same number (a test checks); importing it would bundle its regex engine.
 */
export const WEIGHT_TOTAL = 100_000;

const clamp = (value: number) => Math.min(WEIGHT_TOTAL, Math.max(0, Math.round(value)));

/**
 * Splits `total` over `shares` in proportion (evenly when every share is 0), in whole units that
 * add up to `total` exactly: largest remainders get the leftover units.
 */
function apportion(total: number, shares: readonly number[]): number[] {
  if (shares.length === 0) return [];
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((share) => (sum === 0 ? total / shares.length : (share * total) / sum));
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => ({ i, fraction: value - Math.floor(value) }));
  order.sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    whole[i]! += 1;
    left -= 1;
  }
  return whole;
}

/**
 * Sets one weight and gives the rest to the others in proportion to what they had, so the
 * weights still sum to 100 %. With one variation it always holds everything.
 */
export function setWeight(weights: readonly number[], index: number, value: number): number[] {
  if (weights.length <= 1) return weights.map(() => WEIGHT_TOTAL);
  const own = clamp(value);
  const others = weights.filter((_, i) => i !== index);
  const rest = apportion(WEIGHT_TOTAL - own, others);
  return weights.map((_, i) => (i === index ? own : rest[i < index ? i : i - 1]!));
}

/** Weights that sum to 100 % whatever they summed to before (e.g. after a variation was added). */
export function normalizeWeights(weights: readonly number[]): number[] {
  return apportion(
    WEIGHT_TOTAL,
    weights.map((w) => Math.max(0, w)),
  );
}

/** 25000 → "25", 12345 → "12.345": a weight as the percentage people type. */
export function weightToPercent(weight: number): string {
  return String(Math.round(weight) / 1000);
}

/** "25" or "12.5 %" → 25000; null when it is not a number from 0 to 100. */
export function percentToWeight(text: string): number | null {
  const value = Number(text.replace('%', '').replace(',', '.').trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value * 1000);
}
