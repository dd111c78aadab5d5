/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares):
 * a handful of features and a few thousand rows, so the exact solve is cheap, and with no random
 * start the result is deterministic.
 */

export interface Standardised {
  mean: number[];
  scale: number[];
}

export interface LogisticFit extends Standardised {
  bias: number;
  /** Coefficients of the standardised features. */
  weights: number[];
}

/** Column means and standard deviations (1 for a constant column, so it standardises to 0). */
export function standardisation(rows: number[][]): Standardised {
  const width = rows[0]?.length ?? 0;
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  const scale = mean.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / rows.length) || 1);
  return { mean, scale };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite here). */
export function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= n; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= a[r]![c]! * x[c]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The model's probability for one raw (unstandardised) row. */
export function predict(fit: LogisticFit, row: number[]): number {
  return sigmoid(row.reduce((z, x, j) => z + (fit.weights[j]! * (x - fit.mean[j]!)) / fit.scale[j]!, fit.bias));
}

/** The sign a feature's weight must have (1 or -1), or 0 for a free one. */
export type Sign = 1 | -1 | 0;

export interface LogisticOptions {
  l2?: number;
  /** Lets one source of rows count more or less than another. */
  rowWeights?: number[];
  iterations?: number;
  /**
   * Per feature, the sign its weight must have. Correlated features can take weights of the wrong sign
   * (a signal that only ever means "more likely right" fitted as lowering the odds, because a correlated one
   * overshoots), which then decides cases unlike the fitting data; such a feature is held at 0 and the rest refitted.
   */
  signs?: Sign[];
}

/**
 * Fits P(label) = σ(bias + w·standardised(row)), minimising the log loss plus `l2`/2·|w|² (the
 * bias is not penalised). With `signs`, an active set: while some weight has the wrong sign, the most
 * wrong one (largest in size) is fixed at 0 and the fit repeated.
 */
export function fitLogistic(rows: number[][], labels: boolean[], options: LogisticOptions = {}): LogisticFit {
  const std = standardisation(rows);
  const x = rows.map((r) => r.map((v, j) => (v - std.mean[j]!) / std.scale[j]!));
  const width = std.mean.length;
  const held = new Set<number>();
  for (;;) {
    const free = Array.from({ length: width }, (_, j) => j).filter((j) => !held.has(j));
    const beta = newton(
      x.map((row) => [1, ...free.map((j) => row[j]!)]),
      labels,
      options,
    );
    const weights = new Array<number>(width).fill(0);
    free.forEach((j, k) => (weights[j] = beta[k + 1]!));
    const wrong = free.filter((j) => (options.signs?.[j] ?? 0) * weights[j]! < 0);
    if (wrong.length === 0) return { bias: beta[0]!, weights, ...std };
    held.add(wrong.reduce((worst, j) => (Math.abs(weights[j]!) > Math.abs(weights[worst]!) ? j : worst)));
  }
}

/** Newton's method on rows that start with a constant 1 (the bias, not penalised). */
function newton(x: number[][], labels: boolean[], options: LogisticOptions): number[] {
  const { l2 = 1, iterations = 50 } = options;
  const width = x[0]?.length ?? 1;
  let beta = new Array<number>(width).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = beta.map((b, j) => (j ? l2 * b : 0));
    const hessian = Array.from({ length: width }, (_, i) => Array.from({ length: width }, (_, j) => (i === j && i ? l2 : 0)));
    x.forEach((xi, n) => {
      const p = sigmoid(xi.reduce((z, v, j) => z + v * beta[j]!, 0));
      const w = options.rowWeights?.[n] ?? 1;
      const residual = w * (p - (labels[n] ? 1 : 0));
      const curvature = w * Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < width; i++) {
        gradient[i]! += residual * xi[i]!;
        for (let j = 0; j < width; j++) hessian[i]![j]! += curvature * xi[i]! * xi[j]!;
      }
    });
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return beta;
}
