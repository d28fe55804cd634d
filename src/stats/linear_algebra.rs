//! A small dense solver for the symmetric positive semi-definite normal equations of the
//! calibration regression (a few dozen columns at most).
//!
//! Cholesky with diagonal pivoting (as LAPACK's `dpstrf`): at each step the largest remaining
//! diagonal is taken as pivot, and the factorisation stops when it falls below a tolerance relative
//! to the largest diagonal of the matrix. Columns that are (numerically) linear combinations of
//! earlier pivots are dropped and get coefficient 0. For a least-squares problem this gives one of
//! the minimisers, and the fitted values and residuals are the same for all of them, which is all
//! the variance estimator needs.

/// Pivots below this fraction of the largest diagonal are taken as zero (rank deficiency).
const RELATIVE_PIVOT_TOLERANCE: f64 = 1e-10;

/// Pivoted Cholesky factor `P A Pᵀ = L Lᵀ` of a `p × p` positive semi-definite matrix.
#[derive(Debug, Clone)]
pub(crate) struct PivotedCholesky {
    size: usize,
    rank: usize,
    /// Row-major `size × size`; its lower triangle (first `rank` columns) holds `L`.
    factor: Vec<f64>,
    /// `permutation[k]` is the original index of the k-th pivot.
    permutation: Vec<usize>,
}

impl PivotedCholesky {
    /// Factors the row-major symmetric matrix `matrix` of order `size`.
    pub(crate) fn factor(matrix: &[f64], size: usize) -> Self {
        debug_assert_eq!(matrix.len(), size * size);
        let mut a = matrix.to_vec();
        let mut permutation: Vec<usize> = (0..size).collect();
        let largest = (0..size).map(|i| a[i * size + i]).fold(0.0, f64::max);
        let tolerance = RELATIVE_PIVOT_TOLERANCE * largest;
        let mut rank = 0;
        for k in 0..size {
            let pivot = (k..size).fold(k, |best, j| {
                if a[j * size + j] > a[best * size + best] {
                    j
                } else {
                    best
                }
            });
            let largest_remaining = a[pivot * size + pivot];
            if largest_remaining.is_nan() || largest_remaining <= tolerance {
                break;
            }
            if pivot != k {
                swap_symmetric(&mut a, size, k, pivot);
                permutation.swap(k, pivot);
            }
            let diagonal = a[k * size + k].sqrt();
            a[k * size + k] = diagonal;
            for i in k + 1..size {
                a[i * size + k] /= diagonal;
            }
            for i in k + 1..size {
                let lik = a[i * size + k];
                for j in k + 1..size {
                    a[i * size + j] -= lik * a[j * size + k];
                }
            }
            rank = k + 1;
        }
        Self {
            size,
            rank,
            factor: a,
            permutation,
        }
    }

    /// Number of pivots kept.
    #[cfg(test)]
    pub(crate) fn rank(&self) -> usize {
        self.rank
    }

    /// Solves `A x = b` on the kept pivots; dropped directions get 0.
    pub(crate) fn solve(&self, rhs: &[f64]) -> Vec<f64> {
        let (n, r, l) = (self.size, self.rank, &self.factor);
        let mut y: Vec<f64> = self.permutation[..r].iter().map(|&i| rhs[i]).collect();
        for i in 0..r {
            let mut s = y[i];
            for j in 0..i {
                s -= l[i * n + j] * y[j];
            }
            y[i] = s / l[i * n + i];
        }
        for i in (0..r).rev() {
            let mut s = y[i];
            for j in i + 1..r {
                s -= l[j * n + i] * y[j];
            }
            y[i] = s / l[i * n + i];
        }
        let mut x = vec![0.0; n];
        for (k, value) in y.into_iter().enumerate() {
            x[self.permutation[k]] = value;
        }
        x
    }
}

/// Swaps rows `i`, `j` and columns `i`, `j` of a row-major square matrix.
fn swap_symmetric(a: &mut [f64], size: usize, i: usize, j: usize) {
    for col in 0..size {
        a.swap(i * size + col, j * size + col);
    }
    for row in 0..size {
        a.swap(row * size + i, row * size + j);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn solves_a_full_rank_system() {
        // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = [1, -2, 3] → b = [0, -5, 7].
        let a = [4.0, 2.0, 0.0, 2.0, 5.0, 1.0, 0.0, 1.0, 3.0];
        let chol = PivotedCholesky::factor(&a, 3);
        assert_eq!(chol.rank(), 3);
        let x = chol.solve(&[0.0, -5.0, 7.0]);
        for (got, want) in x.iter().zip([1.0, -2.0, 3.0]) {
            assert!((got - want).abs() < 1e-12, "{x:?}");
        }
    }

    #[test]
    fn a_collinear_column_is_dropped_and_the_fit_is_still_exact() {
        // Columns: intercept, dummy for group 1, dummy for group 0 (= intercept − dummy 1).
        let rows = [
            [1.0, 0.0, 1.0],
            [1.0, 0.0, 1.0],
            [1.0, 1.0, 0.0],
            [1.0, 1.0, 0.0],
            [1.0, 1.0, 0.0],
        ];
        let y = [1.0, 3.0, 2.0, 4.0, 9.0];
        let mut xtx = [0.0; 9];
        let mut xty = [0.0; 3];
        for (row, yi) in rows.iter().zip(y) {
            for i in 0..3 {
                xty[i] += row[i] * yi;
                for j in 0..3 {
                    xtx[i * 3 + j] += row[i] * row[j];
                }
            }
        }
        let chol = PivotedCholesky::factor(&xtx, 3);
        assert_eq!(chol.rank(), 2);
        let beta = chol.solve(&xty);
        // Fitted values are the group means: 2 for group 0, 5 for group 1.
        let fitted: Vec<f64> = rows
            .iter()
            .map(|r| r.iter().zip(&beta).map(|(x, b)| x * b).sum())
            .collect();
        for (got, want) in fitted.iter().zip([2.0, 2.0, 5.0, 5.0, 5.0]) {
            assert!((got - want).abs() < 1e-10, "{fitted:?}");
        }
    }
}
