/** Small, dependency-free statistics for the harness. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** Relative spread of a sample: (max − min) / median. 0.1 means the rounds lie within 10 % of each other. */
export function spread(values: readonly number[]): number {
  const m = median(values);
  return values.length === 0 || m === 0 ? Number.NaN : (max(values) - min(values)) / m;
}

export interface LinearFit {
  /** y per unit of x (ms per item when x is items and y is ms). */
  slope: number;
  intercept: number;
  /** Coefficient of determination; 1 is a perfect line. */
  r2: number;
}

/** Ordinary least squares y = slope·x + intercept. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return { slope: Number.NaN, intercept: Number.NaN, r2: Number.NaN };
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i]!;
    sy += ys[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxx === 0 ? Number.NaN : sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, r2 };
}

/**
 * Scaling exponent between consecutive sizes: log(y2/y1) / log(x2/x1). 1 is linear, 2 quadratic. Per-item
 * cost that stays flat as sizes grow tenfold is the direct evidence of linear growth.
 */
export function growthExponent(x1: number, y1: number, x2: number, y2: number): number {
  return Math.log(y2 / y1) / Math.log(x2 / x1);
}
