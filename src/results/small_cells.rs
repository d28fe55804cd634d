//! Small-cell disclosure control for the counts of respondents the results publish by category
//! (age band, sex, "not given", council area), and for the shares made from them. Reads no
//! environment variables.
//!
//! * **Primary suppression.** A count from 1 up to the consultation's `suppression_threshold`
//!   (exclusive) is withheld: it could point at one or two people. A count of 0 is shown: it says
//!   that nobody in the group responded, which identifies no one.
//! * **Secondary suppression.** In a row whose total is published (age bands and "not given"
//!   add up to the selection's `n`), the withheld cells' total is the published total minus the
//!   published cells, so it is withheld too, in effect. Cells are therefore added, smallest
//!   non-zero first, until at least two are withheld *and* they add up to at least the threshold:
//!   then no withheld cell can be worked out, and neither can any small sum of them.
//! * A withheld cell is `null` with a `suppressed: true` flag in JSON, empty in CSV and
//!   "suppressed" in words, never 0. Whether a cell was withheld for being small or to protect
//!   another is not said, as that would narrow both down.

/// Whether a count is small enough to point at individuals: 1 up to `threshold` (exclusive).
pub fn is_small(count: usize, threshold: usize) -> bool {
    count > 0 && count < threshold
}

/// Which cells of a row with a published total to withhold: the small ones and those in `forced`
/// (withheld for another reason), then, while fewer than two are withheld or the withheld cells add
/// up to less than `threshold`, the smallest published non-zero cell (the first on ties; a zero
/// cell only when no non-zero cell is left). `forced` may be shorter than `counts` (missing means
/// not forced).
pub fn suppress_row(counts: &[usize], forced: &[bool], threshold: usize) -> Vec<bool> {
    let mut withheld: Vec<bool> = counts
        .iter()
        .enumerate()
        .map(|(i, &c)| is_small(c, threshold) || forced.get(i).copied().unwrap_or(false))
        .collect();
    loop {
        let hidden = withheld.iter().filter(|&&w| w).count();
        let sum: usize = counts.iter().zip(&withheld).filter(|(_, &w)| w).map(|(c, _)| c).sum();
        if hidden == 0 || (hidden >= 2 && sum >= threshold) {
            return withheld;
        }
        let next = (0..counts.len())
            .filter(|&i| !withheld[i])
            .min_by_key(|&i| (counts[i] == 0, counts[i], i));
        match next {
            Some(i) => withheld[i] = true,
            None => return withheld,
        }
    }
}

/// Adds to `withheld` (cells of a row of shares that add up to 1) until none or at least two are
/// withheld, the smallest `counts` first: a single withheld share would be 1 minus the others.
pub fn at_least_two(withheld: &mut [bool], counts: &[usize]) {
    if withheld.iter().filter(|&&w| w).count() != 1 {
        return;
    }
    let next = (0..withheld.len())
        .filter(|&i| !withheld[i])
        .min_by_key(|&i| (counts.get(i).is_some_and(|&c| c == 0), counts.get(i).copied(), i));
    if let Some(i) = next {
        withheld[i] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything an attacker can work out from a row with a published total: with the published
    /// cells known, the withheld cells are only known through their sum. A cell is recovered when
    /// it is the only one withheld; a small group is recovered when the withheld cells add up to
    /// a small number.
    fn recoverable(counts: &[usize], withheld: &[bool], threshold: usize) -> bool {
        let hidden: Vec<usize> = (0..counts.len()).filter(|&i| withheld[i]).collect();
        let sum: usize = hidden.iter().map(|&i| counts[i]).sum();
        match hidden.len() {
            0 => false,
            1 => true,
            _ => is_small(sum, threshold),
        }
    }

    fn small_published(counts: &[usize], withheld: &[bool], threshold: usize) -> bool {
        counts.iter().zip(withheld).any(|(&c, &w)| !w && is_small(c, threshold))
    }

    #[test]
    fn one_small_age_band_takes_the_next_smallest_with_it() {
        // 16-24 has 2; the next smallest non-zero band (35-44, 11) goes too; zeros stay.
        let counts = [2, 30, 11, 0, 25, 40, 18, 14];
        let withheld = suppress_row(&counts, &[], 10);
        assert_eq!(withheld, [true, false, true, false, false, false, false, false]);
        assert!(!recoverable(&counts, &withheld, 10));
    }

    #[test]
    fn two_small_cells_that_add_up_to_a_small_number_take_a_third() {
        let counts = [1, 2, 30, 40, 12];
        let withheld = suppress_row(&counts, &[], 10);
        assert_eq!(withheld, [true, true, false, false, true]);
        // Two small cells adding up to 10 or more protect each other.
        assert_eq!(suppress_row(&[4, 6, 50], &[], 10), [true, true, false]);
    }

    #[test]
    fn a_row_without_small_cells_is_published_whole_and_zeros_are_shown() {
        assert_eq!(suppress_row(&[0, 12, 40, 0], &[], 10), [false; 4]);
        assert_eq!(suppress_row(&[], &[], 10), Vec::<bool>::new());
    }

    #[test]
    fn a_forced_cell_is_protected_like_a_small_one() {
        // The middle cell is withheld for another reason (its area is too small to show).
        assert_eq!(suppress_row(&[30, 40, 25], &[false, true], 10), [false, true, true]);
        // A forced cell that is the only non-zero one takes a zero with it rather than stand alone.
        assert_eq!(suppress_row(&[0, 15], &[false, true], 10), [true, true]);
    }

    /// The sum check: over every row of up to four cells with counts 0 to 13 (threshold 5 and 10),
    /// no published cell is small, and neither a withheld cell nor a small total of withheld cells
    /// can be recovered from the published total and the published cells.
    #[test]
    fn no_combination_of_published_numbers_recovers_a_withheld_cell() {
        for threshold in [5, 10] {
            for len in 2..=4usize {
                let mut counts = vec![0usize; len];
                loop {
                    let total: usize = counts.iter().sum();
                    let withheld = suppress_row(&counts, &[], threshold);
                    assert!(!small_published(&counts, &withheld, threshold), "{counts:?}");
                    if total >= threshold {
                        assert!(!recoverable(&counts, &withheld, threshold), "{counts:?} → {withheld:?}");
                    }
                    // Next row in counting order.
                    let mut i = 0;
                    while i < len && counts[i] == 13 {
                        counts[i] = 0;
                        i += 1;
                    }
                    if i == len {
                        break;
                    }
                    counts[i] += 1;
                }
            }
        }
    }

    #[test]
    fn a_lone_withheld_share_takes_the_smallest_other_with_it() {
        let mut withheld = [false, true, false];
        at_least_two(&mut withheld, &[40, 3, 20]);
        assert_eq!(withheld, [false, true, true]);
        let mut none = [false; 3];
        at_least_two(&mut none, &[1, 2, 3]);
        assert_eq!(none, [false; 3]);
    }
}
