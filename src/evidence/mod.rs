//! The evidence pack: what a police division's analysts put in front of the council's scrutiny
//! board to show that the Local Police Plan's priorities "reflect the views of communities".
//!
//! This module holds the statistics-independent building blocks of the pack (pure functions, no
//! database, no HTTP, no environment variables):
//! * [`redact`]: personal data (links, emails, social media handles, phone numbers, full
//!   postcodes, vehicle registrations, street addresses and flats, people's names) replaced by
//!   placeholders before any comment is quoted;
//! * [`themes`] and [`comment_themes`]: free-text comments coded into the consultation's themes by
//!   stemmed keywords, counted per area with up to three short, redacted example quotes chosen by a
//!   neutral rule (never from API-submitted comments), and suppressed for areas whose unweighted
//!   base is under the suppression threshold ("What people said");
//! * [`strength`] and [`coverage`]: how strongly residents support each concern, by an explicit
//!   rule on confidence intervals, and how the current plan's priorities line up with that support
//!   ("Plan coverage": gaps, and plan priorities driven by other evidence).

pub mod comment_themes;
pub mod coverage;
mod name_lists;
mod name_runs;
mod name_tokens;
pub mod pack;
mod quotes;
pub mod redact;
mod redact_addresses;
mod redact_contact;
mod redact_names;
mod redact_plates;
pub mod service;
pub mod strength;
pub mod themes;
mod tokens;

#[cfg(test)]
mod tests_comment_themes;
#[cfg(test)]
mod tests_coverage;
#[cfg(test)]
mod tests_redact;
#[cfg(test)]
mod tests_redact_addresses;
#[cfg(test)]
mod tests_redact_names;
#[cfg(test)]
mod tests_strength;
#[cfg(test)]
mod tests_themes;

pub use comment_themes::{
    code_comments, quote_method, suppress_small_groups, Comment, GroupComments, GroupThemeCounts, StoredComment,
    SuppressedThemeCounts, ThemeCounts, ThemeRef, ThemeTally,
};
pub use coverage::{
    assess_concerns, plan_coverage, ConcernAssessment, ConcernSupport, CoverageError, CoveredConcern, Gap,
    PlanCoverage, UnmeasuredPlanPriority, WeaklySupportedPlanPriority,
};
pub use redact::{redact_personal_data, Redacted, RedactionKind};
pub use strength::{
    strength_from_intervals, MedianBounds, Strength, StrengthAssessment, StrengthError, SupportMeasure,
};
pub use themes::ThemeCoder;
