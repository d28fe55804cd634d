//! The strength rule at its edges: medians, strict comparisons, suppression, bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::strength::{strength_from_intervals, Strength, StrengthError, SupportMeasure};
use Strength::{Moderate, Strong, Suppressed, Weak};

pub(super) fn m(lower: f64, upper: f64) -> SupportMeasure {
    SupportMeasure {
        estimate: (lower + upper) / 2.0,
        lower,
        upper,
        unweighted_base: 100,
    }
}

fn strengths(items: &[SupportMeasure]) -> Vec<Strength> {
    strength_from_intervals(items, 10).unwrap().strengths
}

#[test]
fn strong_means_above_the_median_upper_bound_and_weak_below_the_median_lower_bound() {
    // Lower bounds 0.10 0.20 0.30 0.40 0.50 → M_lo = 0.30; upper bounds 0.20 0.30 0.40 0.50 0.60 → M_hi = 0.40.
    let items = [
        m(0.10, 0.20),
        m(0.20, 0.30),
        m(0.30, 0.40),
        m(0.40, 0.50),
        m(0.50, 0.60),
    ];
    let a = strength_from_intervals(&items, 10).unwrap();
    let r = a.reference.unwrap();
    assert_eq!((r.median_lower, r.median_upper, r.items), (0.30, 0.40, 5));
    // 0.40 > 0.40 is false: a lower bound equal to M_hi is not strong; 0.30 < 0.30 likewise.
    assert_eq!(a.strengths, [Weak, Moderate, Moderate, Moderate, Strong]);
}

#[test]
fn a_bound_just_past_the_median_tips_the_label() {
    let middle = [m(0.30, 0.40), m(0.30, 0.40), m(0.30, 0.40)];
    let with = |item: SupportMeasure| {
        let mut items = middle.to_vec();
        items.push(item);
        items.push(m(0.30, 0.40));
        strengths(&items)[3]
    };
    assert_eq!(with(m(0.40, 0.50)), Moderate);
    assert_eq!(with(m(0.400_001, 0.50)), Strong);
    assert_eq!(with(m(0.20, 0.30)), Moderate);
    assert_eq!(with(m(0.20, 0.299_999)), Weak);
}

#[test]
fn with_an_even_number_of_items_the_median_is_the_mean_of_the_middle_two() {
    // Uppers 0.2 0.3 0.5 0.6 → M_hi = 0.4; lowers 0.1 0.2 0.4 0.45 → M_lo = 0.3.
    let items = [m(0.10, 0.20), m(0.20, 0.30), m(0.40, 0.50), m(0.45, 0.60)];
    let r = strength_from_intervals(&items, 10).unwrap().reference.unwrap();
    assert!((r.median_upper - 0.40).abs() < 1e-12 && (r.median_lower - 0.30).abs() < 1e-12);
    assert_eq!(strengths(&items), [Weak, Weak, Moderate, Strong]);
}

#[test]
fn the_interval_decides_not_the_point_estimate() {
    // Same estimate (0.5), different precision: only the narrow one is clearly above the middle.
    let items = [
        m(0.05, 0.12),
        m(0.15, 0.25),
        m(0.20, 0.30),
        m(0.45, 0.55),
        m(0.05, 0.95),
    ];
    assert_eq!(strengths(&items), [Weak, Moderate, Moderate, Strong, Moderate]);
}

#[test]
fn small_bases_are_suppressed_and_do_not_move_the_middle() {
    let tiny = SupportMeasure {
        estimate: 0.9,
        lower: 0.8,
        upper: 1.0,
        unweighted_base: 9,
    };
    let items = [m(0.10, 0.20), m(0.30, 0.40), m(0.50, 0.60), tiny];
    let a = strength_from_intervals(&items, 10).unwrap();
    assert_eq!(a.reference.unwrap().median_upper, 0.40);
    assert_eq!(a.strengths, [Weak, Moderate, Strong, Suppressed]);
    // A base equal to the threshold is measured.
    let at_threshold = SupportMeasure {
        unweighted_base: 10,
        ..tiny
    };
    assert_eq!(strengths(&[m(0.10, 0.20), m(0.30, 0.40), at_threshold])[2], Strong);
}

#[test]
fn one_item_or_none_measured_gives_no_strong_or_weak_label() {
    assert_eq!(strengths(&[m(0.5, 0.6)]), [Moderate]);
    let suppressed = SupportMeasure {
        estimate: f64::NAN,
        lower: f64::NAN,
        upper: f64::NAN,
        unweighted_base: 3,
    };
    let a = strength_from_intervals(&[suppressed, suppressed], 10).unwrap();
    assert_eq!((a.reference, a.strengths), (None, vec![Suppressed, Suppressed]));
    assert!(strength_from_intervals(&[], 10).unwrap().strengths.is_empty());
}

#[test]
fn unusable_intervals_are_refused() {
    let bad = [
        SupportMeasure {
            estimate: 0.5,
            lower: 0.6,
            upper: 0.7,
            unweighted_base: 50,
        },
        SupportMeasure {
            estimate: 0.5,
            lower: f64::NAN,
            upper: 0.7,
            unweighted_base: 50,
        },
        SupportMeasure {
            estimate: 0.5,
            lower: 0.6,
            upper: 0.4,
            unweighted_base: 50,
        },
    ];
    for b in bad {
        let e = strength_from_intervals(&[m(0.1, 0.2), b], 10).unwrap_err();
        assert!(matches!(e, StrengthError::BadInterval { index: 1, .. }), "{e}");
    }
}
