/**
 * pass@k, the unbiased estimator of Chen et al. (2021, "Evaluating Large Language Models Trained on Code"):
 * for a problem with n samples of which c are correct, pass@k = 1 − C(n−c, k) / C(n, k), the chance that k
 * samples drawn without replacement include a correct one. Averaged over problems.
 */

/**
 * 1 − C(n−c, k) / C(n, k), computed as 1 − ∏_{i=n−c+1}^{n} (1 − k/i): a product of n − (n − c) = c factors
 * in [0, 1), so nothing overflows (C(100, 50) does not fit a double's integers) and nothing cancels
 * catastrophically. 1 when fewer than k samples are wrong (every draw of k holds a correct one).
 */
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || n < 1 || k < 1 || k > n || c < 0 || c > n) {
    throw new RangeError(`pass@k needs integers 1 ≤ k ≤ n and 0 ≤ c ≤ n, got n=${n}, c=${c}, k=${k}`);
  }
  if (n - c < k) return 1;
  let allWrong = 1;
  for (let i = n - c + 1; i <= n; i++) allWrong *= 1 - k / i;
  return 1 - allWrong;
}

/** The mean of pass@k over problems, each given as [n, c]; 0 for no problems. */
export function meanPassAtK(problems: ReadonlyArray<readonly [n: number, c: number]>, k: number): number {
  if (problems.length === 0) return 0;
  let sum = 0;
  for (const [n, c] of problems) sum += passAtK(n, c, k);
  return sum / problems.length;
}

/** pass@1 averaged over samples: the mean over problems of c / n (equal to pass@1 of the estimator). */
export function meanAccuracy(problems: ReadonlyArray<readonly [n: number, c: number]>): number {
  if (problems.length === 0) return 0;
  let sum = 0;
  for (const [n, c] of problems) sum += c / n;
  return sum / problems.length;
}
