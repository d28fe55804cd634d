//! `seeds/plans/*.toml`: the current Local Police Plans as data, each priority mapped to the
//! concern ids of the consultation taxonomy (see `seeds/README.md` for the format). A plan
//! priority may map to no concern (e.g. "Enhancing our service"): not every priority is about a
//! kind of crime residents rank.

use super::error::{read_text, Problems, SeedError};
use crate::defs::line_col;
use crate::domain::{ConcernId, CouncilAreaCode, DivisionCode, SurveyDefinition};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// The years a plan runs, e.g. 2023 to 2026 for a "2023-26" plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlanPeriod {
    pub start_year: i32,
    pub end_year: i32,
}

impl fmt::Display for PlanPeriod {
    /// "2023–26", as the plans write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{:02}", self.start_year, self.end_year.rem_euclid(100))
    }
}

/// One priority of a plan, as the plan names it, and the concerns that count as support for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanPriority {
    pub label: String,
    pub summary: String,
    pub concerns: Vec<ConcernId>,
}

/// A Local Police Plan in force (or the latest one) for a division or council area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrentPlan {
    /// The seed file's name without `.toml`, e.g. `lanarkshire-2023-26`.
    pub id: String,
    pub title: String,
    pub division: DivisionCode,
    pub council_areas: Vec<CouncilAreaCode>,
    pub period: PlanPeriod,
    /// The published plan this was read from (a file name under the project's shared plans).
    pub source_file: String,
    pub priorities: Vec<PlanPriority>,
    /// Where this plan was loaded from, for messages.
    pub seed_file: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    id: Spanned<String>,
    title: Spanned<String>,
    division: Spanned<String>,
    council_areas: Spanned<Vec<Spanned<String>>>,
    period_start: Spanned<i64>,
    period_end: Spanned<i64>,
    source_file: Spanned<String>,
    #[serde(default)]
    priorities: Vec<Spanned<RawPlanPriority>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlanPriority {
    label: Spanned<String>,
    summary: Spanned<String>,
    concerns: Vec<Spanned<String>>,
}

/// Parses one plan; `file` is used in messages and its stem must equal the plan's `id`.
pub fn parse_plan(file: &str, text: &str) -> Result<CurrentPlan, SeedError> {
    let mut checked = PlanFile {
        name: file,
        text,
        problems: Problems::default(),
    };
    let raw: RawPlan = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            checked.problem(e.span(), "(toml)", e.message().replace('\n', " "));
            return Err(checked.problems.into_error());
        }
    };
    let id = checked.id(&raw.id);
    for (value, field) in [(&raw.title, "title"), (&raw.source_file, "source_file")] {
        if value.get_ref().trim().is_empty() {
            checked.problem(Some(value.span()), field, "must not be blank");
        }
    }
    let division = DivisionCode::parse(raw.division.get_ref())
        .map_err(|m| checked.problem(Some(raw.division.span()), "division", m))
        .ok();
    let council_areas = checked.council_areas(&raw.council_areas);
    let period = checked.period(&raw.period_start, &raw.period_end);
    let priorities = checked.priorities(&raw.priorities);
    let Some(division) = division else {
        return Err(checked.problems.into_error());
    };
    let plan = CurrentPlan {
        id,
        title: raw.title.get_ref().trim().to_string(),
        division,
        council_areas,
        period,
        source_file: raw.source_file.get_ref().trim().to_string(),
        priorities,
        seed_file: file.to_string(),
    };
    checked.problems.into_result(plan)
}

/// One plan file being checked, and the problems found in it so far (each with its line).
struct PlanFile<'a> {
    name: &'a str,
    text: &'a str,
    problems: Problems,
}

impl PlanFile<'_> {
    fn problem(&mut self, span: Option<Range<usize>>, field: &str, message: impl Into<String>) {
        let line = span.map(|span| line_col(self.text, span.start).0);
        self.problems.push(self.name, line, field, message);
    }

    /// The plan's id, which must be the file name without `.toml`.
    fn id(&mut self, raw: &Spanned<String>) -> String {
        let id = raw.get_ref().trim().to_string();
        let stem = Path::new(self.name).file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let id_ok = id.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok || id != stem {
            self.problem(
                Some(raw.span()),
                "id",
                format!("'{id}' must be the file name without .toml ('{stem}'): lower-case letters, digits and -"),
            );
        }
        id
    }

    /// At least one council area code, none twice.
    fn council_areas(&mut self, raw: &Spanned<Vec<Spanned<String>>>) -> Vec<CouncilAreaCode> {
        let mut council_areas: Vec<CouncilAreaCode> = Vec::new();
        if raw.get_ref().is_empty() {
            self.problem(
                Some(raw.span()),
                "council_areas",
                "must list at least one council area code",
            );
        }
        for code in raw.get_ref() {
            match CouncilAreaCode::parse(code.get_ref()) {
                Ok(c) if council_areas.contains(&c) => {
                    self.problem(Some(code.span()), "council_areas", format!("{c} is listed twice"))
                }
                Ok(c) => council_areas.push(c),
                Err(m) => self.problem(Some(code.span()), "council_areas", m),
            }
        }
        council_areas
    }

    /// Plausible years, the first not after the last.
    fn period(&mut self, period_start: &Spanned<i64>, period_end: &Spanned<i64>) -> PlanPeriod {
        let (start, end) = (*period_start.get_ref(), *period_end.get_ref());
        for (value, field) in [(period_start, "period_start"), (period_end, "period_end")] {
            if !(2000..=2100).contains(value.get_ref()) {
                self.problem(
                    Some(value.span()),
                    field,
                    format!("{} is not a plausible year", value.get_ref()),
                );
            }
        }
        if start > end {
            self.problem(
                Some(period_end.span()),
                "period_end",
                format!("{end} is before period_start ({start})"),
            );
        }
        PlanPeriod {
            start_year: start as i32,
            end_year: end as i32,
        }
    }

    /// At least one priority; labels non-blank and unique, summaries non-blank.
    fn priorities(&mut self, raw: &[Spanned<RawPlanPriority>]) -> Vec<PlanPriority> {
        if raw.is_empty() {
            self.problem(None, "priorities", "a plan needs at least one [[priorities]] block");
        }
        let mut priorities: Vec<PlanPriority> = Vec::new();
        for (i, p) in raw.iter().enumerate() {
            let n = i + 1;
            let p_ref = p.get_ref();
            let label = p_ref.label.get_ref().trim().to_string();
            if label.is_empty() || priorities.iter().any(|q| q.label == label) {
                self.problem(
                    Some(p_ref.label.span()),
                    &format!("priorities[{n}].label"),
                    "must be non-blank and unique in the plan",
                );
            }
            if p_ref.summary.get_ref().trim().is_empty() {
                self.problem(
                    Some(p_ref.summary.span()),
                    &format!("priorities[{n}].summary"),
                    "must not be blank",
                );
            }
            let concerns = self.priority_concerns(n, &p_ref.concerns);
            priorities.push(PlanPriority {
                label,
                summary: p_ref.summary.get_ref().trim().to_string(),
                concerns,
            });
        }
        priorities
    }

    /// The concern ids of the `n`th priority (from 1), none twice.
    fn priority_concerns(&mut self, n: usize, raw: &[Spanned<String>]) -> Vec<ConcernId> {
        let field = format!("priorities[{n}].concerns");
        let mut concerns: Vec<ConcernId> = Vec::new();
        for c in raw {
            match ConcernId::parse(c.get_ref()) {
                Ok(id) if concerns.contains(&id) => {
                    self.problem(Some(c.span()), &field, format!("'{id}' is listed twice"))
                }
                Ok(id) => concerns.push(id),
                Err(m) => self.problem(Some(c.span()), &field, m),
            }
        }
        concerns
    }
}

/// Every `*.toml` plan in `dir`, in file-name order; all problems in all files are reported.
pub fn read_plans(dir: &Path) -> Result<Vec<CurrentPlan>, SeedError> {
    let entries = std::fs::read_dir(dir).map_err(|source| SeedError::Read {
        file: dir.display().to_string(),
        source,
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    let mut plans = Vec::new();
    let mut problems = Problems::default();
    for path in paths {
        let text = read_text(&path)?;
        match parse_plan(&path.display().to_string(), &text) {
            Ok(plan) => plans.push(plan),
            Err(SeedError::Invalid(list)) => problems.list.extend(list),
            Err(other) => return Err(other),
        }
    }
    problems.into_result(plans)
}

/// Checks that every concern a plan maps to exists in a consultation's taxonomy, so that the
/// evidence pack can show residents' support for each plan priority.
pub fn check_plan_concerns(plans: &[CurrentPlan], definition: &SurveyDefinition) -> Result<(), SeedError> {
    let mut problems = Problems::default();
    for plan in plans {
        for (i, p) in plan.priorities.iter().enumerate() {
            for id in p.concerns.iter().filter(|id| !definition.has_concern(id)) {
                problems.push(
                    &plan.seed_file,
                    None,
                    &format!("priorities[{}].concerns", i + 1),
                    format!("'{id}' ({}) is not a concern of {}", p.label, definition.id),
                );
            }
        }
    }
    problems.into_result(())
}
