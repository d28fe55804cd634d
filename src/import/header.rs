//! The header row of an import file: which column holds which answer. Column order is free; names
//! are matched ignoring case and surrounding spaces. Every problem with the header is reported at once.

use crate::domain::AnswerField;
use csv::ByteRecord;

/// The columns an import file may have, as documented in [`crate::import`].
pub const KNOWN_COLUMNS: &[&str] = &[
    "council_area",
    "postcode_district",
    "feel_safe",
    "confidence",
    "concern_1 … concern_N",
    "age_band",
    "sex",
    "disability",
    "comment",
    "submitted_at",
    "channel",
];

/// Where each answer is in a row (0-based field indexes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    /// Number of columns in the header; every row must have exactly this many fields.
    pub width: usize,
    /// The header names as written, for messages.
    pub names: Vec<String>,
    pub council_area: usize,
    pub postcode_district: Option<usize>,
    pub feel_safe: Option<usize>,
    pub confidence: Option<usize>,
    /// `concerns[k]` holds choice k+1.
    pub concerns: Vec<usize>,
    pub age_band: Option<usize>,
    pub sex: Option<usize>,
    pub disability: Option<usize>,
    pub comment: Option<usize>,
    pub submitted_at: Option<usize>,
    pub channel: Option<usize>,
}

#[derive(Default)]
struct Found {
    single: std::collections::BTreeMap<&'static str, Vec<usize>>,
    concerns: std::collections::BTreeMap<usize, Vec<usize>>,
    unknown: Vec<(usize, String)>,
    unnamed: Vec<usize>,
    not_utf8: Vec<usize>,
}

/// Columns of the file that are not answers.
const SUBMITTED_AT: &str = "submitted_at";
const CHANNEL: &str = "channel";

/// A column holding one value: every answer but the ranking (spread over `concern_N`), and the
/// submission's time and channel.
fn single_column(name: &str) -> Option<&'static str> {
    AnswerField::ALL
        .into_iter()
        .filter(|f| *f != AnswerField::Concerns)
        .map(AnswerField::as_str)
        .chain([SUBMITTED_AT, CHANNEL])
        .find(|known| *known == name)
}

/// `concern_3` → Some(3); `concern_0`, `concern_x` → None.
fn concern_number(name: &str) -> Option<usize> {
    let digits = name.strip_prefix("concern_")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    digits.parse().ok()
}

fn column_list(indexes: &[usize]) -> String {
    indexes
        .iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Reads the header row against a consultation that ranks up to `max_ranked` concerns.
/// On failure, returns one plain-English message per problem.
pub fn read_header(header: &ByteRecord, max_ranked: usize) -> Result<ColumnMap, Vec<String>> {
    let (found, names) = Found::sort_columns(header);
    let mut problems = found.naming_problems();
    problems.extend(found.concern_column_problems(max_ranked));
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(found.column_map(header.len(), names))
}

impl Found {
    /// Sorts each header column by its name; also returns the names as written, for messages.
    fn sort_columns(header: &ByteRecord) -> (Found, Vec<String>) {
        let mut found = Found::default();
        let mut names = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            let Ok(text) = std::str::from_utf8(raw) else {
                found.not_utf8.push(i);
                names.push(String::from_utf8_lossy(raw).into_owned());
                continue;
            };
            names.push(text.trim().to_string());
            let name = text.trim().to_lowercase();
            if name.is_empty() {
                found.unnamed.push(i);
            } else if let Some(known) = single_column(&name) {
                found.single.entry(known).or_default().push(i);
            } else if let Some(k) = concern_number(&name) {
                found.concerns.entry(k).or_default().push(i);
            } else {
                found.unknown.push((i, text.trim().to_string()));
            }
        }
        (found, names)
    }

    /// Unreadable, blank, missing, unknown and repeated column names.
    fn naming_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for i in &self.not_utf8 {
            problems.push(format!(
                "the name of column {} is not valid UTF-8: save the file as \"CSV UTF-8\"",
                i + 1
            ));
        }
        for i in &self.unnamed {
            problems.push(format!("column {} has no name", i + 1));
        }
        let missing: Vec<&str> = [AnswerField::CouncilArea.as_str(), "concern_1"]
            .into_iter()
            .filter(|req| {
                if *req == "concern_1" {
                    !self.concerns.contains_key(&1)
                } else {
                    !self.single.contains_key(req)
                }
            })
            .collect();
        if !missing.is_empty() {
            problems.push(format!("missing required column(s): {}", missing.join(", ")));
        }
        if !self.unknown.is_empty() {
            let listed: Vec<String> = self
                .unknown
                .iter()
                .map(|(i, n)| format!("'{n}' (column {})", i + 1))
                .collect();
            problems.push(format!(
                "unknown column(s): {}; the columns are {}",
                listed.join(", "),
                KNOWN_COLUMNS.join(", ")
            ));
        }
        for (name, at) in &self.single {
            if at.len() > 1 {
                problems.push(format!(
                    "column '{name}' appears more than once (columns {})",
                    column_list(at)
                ));
            }
        }
        for (k, at) in &self.concerns {
            if at.len() > 1 {
                problems.push(format!(
                    "column 'concern_{k}' appears more than once (columns {})",
                    column_list(at)
                ));
            }
        }
        problems
    }

    /// Concern columns beyond what the consultation ranks, or with gaps.
    fn concern_column_problems(&self, max_ranked: usize) -> Vec<String> {
        let mut problems = Vec::new();
        let highest = self.concerns.keys().next_back().copied().unwrap_or(0);
        if highest > max_ranked {
            problems.push(format!(
                "this consultation ranks at most {max_ranked} concerns, so the concern columns are concern_1 to concern_{max_ranked}; remove {}",
                self.concerns.keys().filter(|k| **k > max_ranked).map(|k| format!("concern_{k}")).collect::<Vec<_>>().join(", ")
            ));
        }
        let gaps: Vec<String> = (1..highest.min(max_ranked))
            .filter(|k| !self.concerns.contains_key(k))
            .map(|k| format!("concern_{k}"))
            .collect();
        if !gaps.is_empty() && self.concerns.contains_key(&1) {
            problems.push(format!(
                "the concern columns must run from concern_1 without gaps: {} missing",
                gaps.join(", ")
            ));
        }
        problems
    }

    /// Where each answer is, from a header without problems (the first of each column).
    fn column_map(&self, width: usize, names: Vec<String>) -> ColumnMap {
        let one = |name: &str| self.single.get(name).and_then(|at| at.first().copied());
        let answer = |field: AnswerField| one(field.as_str());
        ColumnMap {
            width,
            names,
            council_area: answer(AnswerField::CouncilArea).unwrap_or_default(),
            postcode_district: answer(AnswerField::PostcodeDistrict),
            feel_safe: answer(AnswerField::FeelSafe),
            confidence: answer(AnswerField::Confidence),
            concerns: self.concerns.values().filter_map(|at| at.first().copied()).collect(),
            age_band: answer(AnswerField::AgeBand),
            sex: answer(AnswerField::Sex),
            disability: answer(AnswerField::Disability),
            comment: answer(AnswerField::Comment),
            submitted_at: one(SUBMITTED_AT),
            channel: one(CHANNEL),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> ByteRecord {
        ByteRecord::from(names.to_vec())
    }

    #[test]
    fn columns_are_found_in_any_order_and_case() {
        let map = read_header(&header(&["Concern_2", " council_area ", "concern_1", "SEX"]), 3).unwrap();
        assert_eq!(map.council_area, 1);
        assert_eq!(map.concerns, vec![2, 0]);
        assert_eq!(map.sex, Some(3));
        assert_eq!(map.comment, None);
        assert_eq!(map.width, 4);
    }

    #[test]
    fn missing_unknown_and_duplicate_columns_are_all_named() {
        let problems = read_header(&header(&["feel_safe", "feel_saf", "feel_safe", "concern_2"]), 3).unwrap_err();
        let all = problems.join("\n");
        assert!(
            all.contains("missing required column(s): council_area, concern_1"),
            "{all}"
        );
        assert!(all.contains("unknown column(s): 'feel_saf' (column 2)"), "{all}");
        assert!(
            all.contains("'feel_safe' appears more than once (columns 1 and 3)"),
            "{all}"
        );
    }

    #[test]
    fn more_concern_columns_than_the_consultation_ranks_is_refused() {
        let problems = read_header(
            &header(&["council_area", "concern_1", "concern_2", "concern_3", "concern_4"]),
            3,
        )
        .unwrap_err();
        assert!(
            problems[0].contains("at most 3 concerns") && problems[0].contains("remove concern_4"),
            "{problems:?}"
        );
    }

    #[test]
    fn fewer_concern_columns_than_the_consultation_ranks_is_fine_but_gaps_are_not() {
        assert!(read_header(&header(&["council_area", "concern_1"]), 3).is_ok());
        let problems = read_header(&header(&["council_area", "concern_1", "concern_3"]), 3).unwrap_err();
        assert!(problems[0].contains("concern_2 missing"), "{problems:?}");
    }

    #[test]
    fn a_header_name_that_is_not_utf8_is_reported() {
        let problems = read_header(
            &ByteRecord::from(vec![&b"council_area"[..], b"concern_1", b"comm\xe9nt"]),
            3,
        )
        .unwrap_err();
        assert!(problems[0].contains("column 3 is not valid UTF-8"), "{problems:?}");
    }
}
