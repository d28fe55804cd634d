//! One way to write a figure, for the analyst pages, the evidence pack (its HTML, the text fields of
//! its JSON and its CSV labels), the resident pages and, later, emails and public pages. So that the
//! analyst and the scrutiny board read the same figure the same way, every figure in words goes
//! through here:
//!
//! * **Shares** are whole percentages: "62%". A share above 0 that would round to 0% is "less than
//!   1%", and one below 100% that would round to 100% is "more than 99%", so that a figure never
//!   reads as nobody or everybody when it is not. Halves round away from zero.
//! * **Intervals** follow their share in brackets with "to": "62% (58% to 66%)"; alone, "58% to
//!   66%".
//! * **Differences between shares** are percentage points with one decimal and a sign where they
//!   are not zero: "+5.2", "−3.0" (a minus sign, not a hyphen), "0.0". One decimal, unlike the
//!   shares, because differences are small: a change from 41.4% to 42.6% is "+1.2", where whole
//!   percentages would give "41%" and "43%" and suggest 2 points. That is the only place a figure
//!   has more precision than a whole percentage.
//! * **p-values** have three decimals, or read "less than 0.001".
//! * **Ranks** are ordinals, "1st"; a rank interval is "1st to 3rd" (plain words read aloud better
//!   than an en dash).
//! * **Counts** have thousands separators, "1,234"; a weighted quantity (an effective sample size,
//!   the adults a respondent stands for) is rounded to a whole number the same way.
//! * **Other statistics** (a design effect, a Borda mean, responses per 1,000 adults) have a fixed
//!   number of decimals for their kind ([`fixed`]): "1.76", "5.9".
//! * **Dates** are UK dates, "31 March 2027".
//! * **Withheld figures are words, never 0**: [`SUPPRESSED`] in dense tables whose caption or
//!   introduction states the threshold (the evidence pack), or [`suppressed_because`], "suppressed
//!   (fewer than 10 responses)", where the reader has no such sentence (the analyst pages).
//!
//! Whole percentages are as precise as the evidence: a 95% interval of a share from a few hundred
//! responses is several points wide. Two candidate priorities whose shares print the same are
//! still ordered by the unrounded figures, and their rank intervals say whether they differ. The
//! CSV files and JSON documents carry every figure at full precision, as numbers; in CSV only text
//! cells are guarded against formula injection ([`neutralise_formula`]).
//!
//! This module sits low in the layering: it imports only `crate::domain`, std and crates, so that
//! routes, evidence and results can all use it. Reads no environment variables.

mod figures;
mod spreadsheet;

pub use figures::{
    count, fixed, p_value, percent, percent_interval, percent_with_interval, points, points_with_interval,
    rank_interval, suppressed_because, uk_date, uk_date_from_iso, whole, ShareFigure, NOT_AVAILABLE, NO_ANSWERS,
    SUPPRESSED,
};
pub use spreadsheet::neutralise_formula;

/// "1st", "2nd", "3rd": ordinals live with the ranking they describe.
pub use crate::domain::ranking::ordinal;
