//! The inner loops of raking: one pass over the respondents per margin, without allocation.
//!
//! Category sums have one slot per category plus a last slot for "unknown", whose factor is
//! always 1, so the loops need no branch for respondents with an unknown category.

/// Sums `weights` per category code into `sums` (cleared first).
pub(super) fn accumulate(codes: &[u32], weights: &[f64], sums: &mut [f64]) {
    sums.fill(0.0);
    for (&code, &weight) in codes.iter().zip(weights) {
        sums[code as usize] += weight;
    }
}

/// Fills the factor that brings each known category to `share × W_known` (1 for the unknown slot)
/// and returns the largest relative error of the current sums.
pub(super) fn margin_factors(shares: &[f64], sums: &[f64], factors: &mut [f64]) -> f64 {
    let k = shares.len();
    let known: f64 = sums[..k].iter().sum();
    let mut max_error: f64 = 0.0;
    for c in 0..k {
        let target = shares[c] * known;
        let (factor, error) = if sums[c] > 0.0 {
            let error = if target > 0.0 {
                (sums[c] - target).abs() / target
            } else {
                sums[c] / known
            };
            (target / sums[c], error)
        } else if target > 0.0 {
            // Emptied by another margin's zero-target category: cannot be met.
            (1.0, 1.0)
        } else {
            (1.0, 0.0)
        };
        factors[c] = factor;
        max_error = max_error.max(error);
    }
    factors[k] = 1.0;
    max_error
}

/// Multiplies each weight by its category's factor and, in the same pass, accumulates the next
/// margin's category sums.
pub(super) fn apply_and_accumulate(
    codes: &[u32],
    factors: &[f64],
    weights: &mut [f64],
    next_codes: &[u32],
    next_sums: &mut [f64],
) {
    next_sums.fill(0.0);
    for ((weight, &code), &next_code) in weights.iter_mut().zip(codes).zip(next_codes) {
        *weight *= factors[code as usize];
        next_sums[next_code as usize] += *weight;
    }
}
