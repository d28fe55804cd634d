//! Comparing two sets of figures: the same area in two consultations (waves), or a council area
//! with the rest of its division.
//!
//! **Area against its division.** A council area is part of its division, so the two estimates
//! share respondents and are not independent; a z test of the difference would understate its
//! variance. We compare the area with *the rest of the division* (the division's other covered
//! council areas, pooled in proportion to their adult population) instead: the two samples are
//! disjoint strata, so they are independent and the design-based Wald test applies. The other side
//! is labelled `rest_of_division`, with a name saying which area was left out.
//!
//! Each difference is a Wald z test of two independent weighted shares with their linearised
//! variances. p-values are adjusted by Benjamini–Hochberg across the concerns (one family) and,
//! separately, across the two headline shares; a difference is flagged when its adjusted p-value is
//! below 0.05. A figure suppressed on either side is not compared (`suppressed: true`). Concerns
//! in only one of two waves are listed as not comparable. Concerns are compared on `share_top_n`.

use super::engine::SelectionFigures;
use super::estimates::Estimate;
use super::report::Thresholds;
use super::selection::AreaLabel;
use crate::domain::SurveyDefinition;
use crate::stats::{benjamini_hochberg, wald_difference_test, StatsError};
use serde::Serialize;

/// Adjusted p-values below this are flagged.
pub const SIGNIFICANCE: f64 = 0.05;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonKind {
    Waves,
    AreaVsRestOfDivision,
}

/// One compared share: this minus other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub this: Option<f64>,
    pub other: Option<f64>,
    pub difference: Option<f64>,
    pub standard_error: Option<f64>,
    pub z: Option<f64>,
    pub p_value: Option<f64>,
    pub p_adjusted: Option<f64>,
    pub significant: bool,
    pub suppressed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcernDifference {
    pub concern_id: String,
    pub label: String,
    pub measure: &'static str,
    #[serde(flatten)]
    pub difference: Difference,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotComparable {
    pub concern_id: String,
    pub label: String,
    /// The consultation the concern is in.
    pub only_in: String,
}

/// The `comparison` section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonReport {
    #[serde(rename = "type")]
    pub kind: ComparisonKind,
    /// The other side: its consultation, area and number of respondents.
    pub consultation: String,
    pub area: AreaLabel,
    pub n: usize,
    pub method: &'static str,
    pub feel_safe: Difference,
    pub confidence: Difference,
    pub concerns: Vec<ConcernDifference>,
    pub not_comparable: Vec<NotComparable>,
}

pub const COMPARISON_METHOD: &str = "Difference of weighted shares (this minus other) with a design-based Wald z test \
     of two independent estimates, using the linearised variances of the raked estimators; p-values adjusted by \
     Benjamini-Hochberg across the concerns (and separately across the two headline shares); significant when the \
     adjusted p-value is below 0.05. An area is compared with the rest of its division (which excludes it), so the \
     two samples are independent.";

/// One side of a comparison.
pub struct Side<'a> {
    pub definition: &'a SurveyDefinition,
    pub figures: &'a SelectionFigures,
}

fn raw_difference(this: Option<&Estimate>, other: Option<&Estimate>, hidden: bool) -> Result<Difference, StatsError> {
    let mut out = Difference {
        this: None,
        other: None,
        difference: None,
        standard_error: None,
        z: None,
        p_value: None,
        p_adjusted: None,
        significant: false,
        suppressed: hidden,
    };
    if hidden {
        return Ok(out);
    }
    let (Some(a), Some(b)) = (this, other) else {
        return Ok(out);
    };
    out.this = Some(a.proportion);
    out.other = Some(b.proportion);
    out.difference = Some(a.proportion - b.proportion);
    match wald_difference_test(a.proportion, a.variance, b.proportion, b.variance) {
        Ok(test) => {
            out.standard_error = Some(test.standard_error);
            out.z = Some(test.z);
            out.p_value = Some(test.p_value);
        }
        Err(StatsError::ZeroStandardError) => {}
        Err(e) => return Err(e),
    }
    Ok(out)
}

/// Fills `p_adjusted` and `significant` across one family of differences.
fn adjust(family: &mut [&mut Difference]) -> Result<(), StatsError> {
    let p: Vec<f64> = family.iter().map(|d| d.p_value.unwrap_or(f64::NAN)).collect();
    let adjusted = benjamini_hochberg(&p)?;
    for (d, q) in family.iter_mut().zip(adjusted) {
        if !q.is_nan() {
            d.p_adjusted = Some(q);
            d.significant = q < SIGNIFICANCE;
        }
    }
    Ok(())
}

/// Compares `this` with `other`.
pub fn compare(this: &Side<'_>, other: &Side<'_>, kind: ComparisonKind) -> Result<ComparisonReport, StatsError> {
    let (t1, t2) = (Thresholds::of(this.definition), Thresholds::of(other.definition));
    let hidden = |a: Option<&Estimate>, b: Option<&Estimate>| {
        t1.suppressed(a.map_or(0, |e| e.base)) || t2.suppressed(b.map_or(0, |e| e.base))
    };
    let (f1, f2) = (this.figures, other.figures);
    let headline = |a: Option<&Estimate>, b: Option<&Estimate>| raw_difference(a, b, hidden(a, b));
    let mut feel_safe = headline(f1.feel_safe.as_ref(), f2.feel_safe.as_ref())?;
    let mut confidence = headline(f1.confidence.as_ref(), f2.confidence.as_ref())?;
    adjust(&mut [&mut feel_safe, &mut confidence])?;
    let mut concerns = Vec::new();
    let mut not_comparable = Vec::new();
    for (k, concern) in this.definition.concerns.iter().enumerate() {
        match other.definition.concern_index(concern.id.as_str()) {
            Some(j) => {
                let (a, b) = (f1.concerns[k].share_top_n.as_ref(), f2.concerns[j].share_top_n.as_ref());
                concerns.push(ConcernDifference {
                    concern_id: concern.id.as_str().to_string(),
                    label: concern.label.clone(),
                    measure: "share_top_n",
                    difference: raw_difference(a, b, hidden(a, b))?,
                });
            }
            None => not_comparable.push(NotComparable {
                concern_id: concern.id.as_str().to_string(),
                label: concern.label.clone(),
                only_in: this.definition.id.as_str().to_string(),
            }),
        }
    }
    for concern in other
        .definition
        .concerns
        .iter()
        .filter(|c| !this.definition.has_concern(&c.id))
    {
        not_comparable.push(NotComparable {
            concern_id: concern.id.as_str().to_string(),
            label: concern.label.clone(),
            only_in: other.definition.id.as_str().to_string(),
        });
    }
    let mut family: Vec<&mut Difference> = concerns.iter_mut().map(|c| &mut c.difference).collect();
    adjust(&mut family)?;
    Ok(ComparisonReport {
        kind,
        consultation: other.definition.id.as_str().to_string(),
        area: f2.label.clone(),
        n: f2.n,
        method: COMPARISON_METHOD,
        feel_safe,
        confidence,
        concerns,
        not_comparable,
    })
}
