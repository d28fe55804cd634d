//! The evidence pack as data: every figure the HTML, CSV and JSON show, already through disclosure
//! control. A suppressed figure is `null` with `suppressed: true`, never 0.

use crate::evidence::strength::{MedianBounds, Strength};
use crate::results::report::Proportion;
use crate::results::AreaType;
use serde::Serialize;

/// A weighted share with its 95% interval, or suppressed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub estimate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Unweighted base: respondents who answered.
    pub base: usize,
    pub suppressed: bool,
    pub low_base: bool,
}

impl Share {
    /// A share with no figure behind it (no respondents): withheld, never shown as 0.
    pub fn missing() -> Self {
        Share {
            estimate: None,
            ci_low: None,
            ci_high: None,
            base: 0,
            suppressed: true,
            low_base: true,
        }
    }

    pub fn of(p: &Proportion) -> Self {
        Share {
            estimate: p.estimate,
            ci_low: p.ci_low,
            ci_high: p.ci_high,
            base: p.base,
            suppressed: p.suppressed,
            low_base: p.low_base,
        }
    }
}

/// A council area, a division or a rest of a division.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// `council_area`, `division` or `rest_of_division` in JSON.
    pub kind: AreaType,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsultationRef {
    pub id: String,
    pub title: String,
    pub opens: String,
    pub closes: String,
}

/// The whole pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidencePack {
    pub title: String,
    pub consultation: ConsultationRef,
    /// The consultation compared with in "What changed", if any.
    pub compared_with: Option<ConsultationRef>,
    pub division: Place,
    pub generated_on: String,
    pub suppression_threshold: u32,
    pub low_base_threshold: u32,
    /// Concerns each respondent could rank ("top N").
    pub top_n: usize,
    /// The division as a whole.
    pub division_section: PlaceSection,
    /// One section per council area of the division the consultation covers, in name order.
    pub council_areas: Vec<PlaceSection>,
    pub plan_coverage: CoverageSection,
    pub what_people_said: CommentsSection,
    pub method: MethodSection,
    /// Responses the duplicate and burst screening flags, and the headline without them (added by
    /// the service after the pack is assembled; `None` in a pack built without the database).
    pub screening: Option<super::screening::ScreeningSection>,
}

/// Everything the pack says about one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceSection {
    pub place: Place,
    /// An HTML id for the section ("area-S12000010").
    pub anchor: String,
    pub headline: Headline,
    pub priorities: PrioritiesSection,
    pub changes: ChangesSection,
    /// For a council area: where it differs from the rest of its division.
    pub differences: Option<ChangesSection>,
    pub representativeness: SampleSection,
}

/// 1. Headline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    pub responses: usize,
    pub adult_population: u64,
    pub responses_per_1000_adults: Option<f64>,
    pub effective_sample_size: Option<f64>,
    pub design_effect: Option<f64>,
    pub suppressed: bool,
    pub low_base: bool,
    pub feel_safe: Share,
    pub confidence: Share,
    pub feel_safe_change: Option<ChangeRow>,
    pub confidence_change: Option<ChangeRow>,
    pub summary: String,
}

/// 2. A candidate priority and its support.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityRow {
    pub id: String,
    pub label: String,
    /// Position in the table (1 = most support); `None` when suppressed.
    pub position: Option<usize>,
    /// Share of respondents ranking at least one of its concerns in their top N (each once).
    pub support: Share,
    pub rank_interval: Option<[usize; 2]>,
    pub p_rank_first: Option<f64>,
    pub strength: Strength,
    pub contributing: Vec<ConcernShare>,
}

/// A concern's share ranking it in the top N, with its strength label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcernShare {
    pub id: String,
    pub label: String,
    pub share: Share,
    pub strength: Strength,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrioritiesSection {
    pub suppressed: bool,
    /// Most supported first; in the consultation's order when suppressed.
    pub rows: Vec<PriorityRow>,
    /// The middle the strength labels compare with.
    pub reference: Option<MedianBounds>,
    /// Replicates of the rank bootstrap (0 when it did not run).
    pub bootstrap_replicates: usize,
    pub summary: String,
}

/// 4. and 5. One compared share (this minus the other).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    pub measure: String,
    pub this: Option<f64>,
    pub other: Option<f64>,
    pub difference: Option<f64>,
    pub p_adjusted: Option<f64>,
    pub significant: bool,
    pub suppressed: bool,
}

/// 4. What changed since the previous wave, or 5. where an area differs from its division.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangesSection {
    /// What this place is compared with ("Your Police 2025", "rest of the division").
    pub compared_with: Option<String>,
    pub other_responses: Option<usize>,
    /// Significant differences only (BH-adjusted p below 0.05), largest first.
    pub significant: Vec<ChangeRow>,
    /// Comparisons made (headline shares and concerns), so the reader knows what "none" means.
    pub tested: usize,
    /// Comparisons not made because a figure was suppressed on either side.
    pub suppressed: usize,
    pub summary: String,
}

/// 6. Who responded, against who lives there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleSection {
    pub suppressed: bool,
    pub age_band: Vec<CategoryRow>,
    pub sex: Vec<CategoryRow>,
    /// For a division: respondents by council area against adults by council area.
    pub council_areas: Vec<CategoryRow>,
    /// Respondents who did not give their age band; `null` when suppressed.
    pub age_not_given: Option<usize>,
    pub age_not_given_suppressed: bool,
    /// Respondents who did not give their sex; `null` when suppressed.
    pub sex_not_given: Option<usize>,
    pub sex_not_given_suppressed: bool,
    pub design_effect: Option<f64>,
    pub effective_sample_size: Option<f64>,
    /// Groups whose share of respondents is under [`UNDER_REPRESENTED_RATIO`] of their share of adults.
    pub under_represented: Vec<String>,
    /// Groups whose count is suppressed (too few respondents, or withheld so that a smaller count
    /// cannot be worked out), so that whether they are under-represented is not said.
    pub suppressed_groups: Vec<String>,
    /// What the weighting did, in sentences.
    pub weighting: Vec<String>,
}

/// A group is under-represented when its share of respondents is below this fraction of its share
/// of the adult population.
pub const UNDER_REPRESENTED_RATIO: f64 = 0.8;

/// One age band, sex or council area. `null` figures are suppressed (see `suppressed`) or, for
/// the shares, not available (nobody answered), never 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRow {
    pub label: String,
    pub count: Option<usize>,
    pub sample_share: Option<f64>,
    pub weighted_share: Option<f64>,
    pub population_share: Option<f64>,
    /// `null` when the share of respondents is not shown.
    pub under_represented: Option<bool>,
    /// Whether the count (and the shares made from it) is withheld.
    pub suppressed: bool,
}

/// 3. Plan coverage, one entry per current plan of the division.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageSection {
    pub plans: Vec<PlanCoverageSection>,
    /// Older plans of the division replaced by a newer one for the same areas (not assessed).
    pub superseded: Vec<String>,
    /// Why there is nothing to assess, when there is no plan.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanCoverageSection {
    pub plan_id: String,
    pub plan_title: String,
    pub period: String,
    /// Where support was measured: the plan's council areas.
    pub measured_on: Place,
    pub suppressed: bool,
    pub gaps: Vec<GapRow>,
    pub weakly_supported: Vec<WeakPlanPriority>,
    pub unmeasured: Vec<NamedNote>,
    pub covered: Vec<CoveredRow>,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapRow {
    pub concern: ConcernShare,
    pub candidate_priorities: Vec<String>,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakPlanPriority {
    pub label: String,
    pub concerns: Vec<ConcernShare>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedNote {
    pub label: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoveredRow {
    pub concern: ConcernShare,
    pub plan_priorities: Vec<String>,
}

/// 7. What people said.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommentsSection {
    pub themes: Vec<ThemeLabel>,
    /// One per council area, in the order of the pack's council area sections.
    pub areas: Vec<AreaComments>,
    /// Theme counts over the council areas shown (suppressed areas left out, so that they cannot
    /// be worked out by subtraction).
    pub division_totals: Option<Vec<u32>>,
    pub areas_left_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeLabel {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaComments {
    pub place: Place,
    pub anchor: String,
    /// Respondents in the area (the base the threshold is applied to).
    pub base: u32,
    pub suppressed: bool,
    /// Comments written (`null` when suppressed).
    pub comments: Option<u32>,
    /// Comments coded into at least one theme (`null` when suppressed).
    pub coded: Option<u32>,
    /// Themes mentioned at least once, most mentioned first; empty when suppressed.
    pub themes: Vec<ThemeRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeRow {
    pub id: String,
    pub label: String,
    pub count: u32,
    /// Up to three short quotes, personal data redacted.
    pub examples: Vec<String>,
}

/// 8. Method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodSection {
    pub paragraphs: Vec<MethodParagraph>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodParagraph {
    pub heading: String,
    pub text: String,
}
