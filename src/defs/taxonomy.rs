//! Concerns, priorities, the `unmapped` list and comment themes, with their cross-checks: ids
//! unique, every priority's concerns exist, and every concern either supports at least one
//! priority or is listed in `unmapped` (so that forgetting to map a concern is an error, while
//! leaving one out on purpose is a visible decision in the file).

use super::error::Problems;
use super::fields::{required_text, snake_id};
use super::raw::{Opt, RawConcern, RawPriority, RawTheme};
use crate::domain::{Concern, ConcernId, Priority, Theme};
use std::collections::HashMap;
use toml::Spanned;

pub(super) const MIN_CONCERNS: usize = 2;

pub(super) fn build_concerns(problems: &mut Problems, raw: &[Spanned<RawConcern>]) -> Vec<Concern> {
    if raw.len() < MIN_CONCERNS {
        problems.at(
            raw.first().map(Spanned::span),
            "concerns",
            format!(
                "a consultation needs at least {MIN_CONCERNS} concerns to rank; this file has {} (add [[concerns]] blocks)",
                raw.len()
            ),
        );
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut concerns = Vec::with_capacity(raw.len());
    for (i, entry) in raw.iter().enumerate() {
        let n = i + 1;
        let parent = Some(entry.span());
        let c = entry.get_ref();
        let id = snake_id(problems, &c.id, &parent, &format!("concerns[{n}].id"), "concern");
        if let (Some(id), Some(span)) = (&id, c.id.as_ref().map(Spanned::span)) {
            if let Some(first) = seen.insert(id.clone(), n) {
                problems.at(
                    Some(span),
                    format!("concerns[{n}].id"),
                    format!("'{id}' is used twice: concerns[{first}] has the same id"),
                );
            }
        }
        let label = required_text(problems, &c.label, &parent, &format!("concerns[{n}].label"));
        let easy_read_label = required_text(
            problems,
            &c.easy_read_label,
            &parent,
            &format!("concerns[{n}].easy_read_label"),
        );
        let description = required_text(problems, &c.description, &parent, &format!("concerns[{n}].description"));
        if let Some(Ok(id)) = id.map(|id| ConcernId::parse(&id)) {
            concerns.push(Concern {
                id,
                label,
                easy_read_label,
                description,
            });
        }
    }
    concerns
}

/// A list of concern ids that must all be in the taxonomy, with no repeats.
fn concern_refs(problems: &mut Problems, raw: &[Spanned<String>], known: &[Concern], field: &str) -> Vec<ConcernId> {
    let mut ids: Vec<ConcernId> = Vec::with_capacity(raw.len());
    for r in raw {
        let name = r.get_ref().trim();
        match known.iter().find(|c| c.id.as_str() == name) {
            Some(c) if ids.contains(&c.id) => problems.at(Some(r.span()), field, format!("'{name}' is listed twice")),
            Some(c) => ids.push(c.id.clone()),
            None => problems.at(
                Some(r.span()),
                field,
                format!(
                    "'{name}' is not a concern id of this consultation ({})",
                    closest_hint(name, known)
                ),
            ),
        }
    }
    ids
}

fn closest_hint(name: &str, known: &[Concern]) -> String {
    let lowered = name.trim().to_lowercase().replace([' ', '-'], "_");
    if let Some(c) = known.iter().find(|c| c.id.as_str() == lowered) {
        return format!("did you mean '{}'?", c.id);
    }
    if let Some(c) = known
        .iter()
        .find(|c| c.id.as_str().contains(&lowered) || lowered.contains(c.id.as_str()))
    {
        return format!("did you mean '{}'?", c.id);
    }
    "use the id of one of the [[concerns]] blocks".to_string()
}

pub(super) fn build_priorities(
    problems: &mut Problems,
    raw: &[Spanned<RawPriority>],
    concerns: &[Concern],
) -> Vec<Priority> {
    if raw.is_empty() {
        problems.at(
            None,
            "priorities",
            "a consultation needs at least one candidate priority (add a [[priorities]] block)",
        );
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut priorities = Vec::with_capacity(raw.len());
    for (i, entry) in raw.iter().enumerate() {
        let n = i + 1;
        let parent = Some(entry.span());
        let p = entry.get_ref();
        let id = snake_id(problems, &p.id, &parent, &format!("priorities[{n}].id"), "priority");
        if let (Some(id), Some(span)) = (&id, p.id.as_ref().map(Spanned::span)) {
            if let Some(first) = seen.insert(id.clone(), n) {
                problems.at(
                    Some(span),
                    format!("priorities[{n}].id"),
                    format!("'{id}' is used twice: priorities[{first}] has the same id"),
                );
            }
        }
        let label = required_text(problems, &p.label, &parent, &format!("priorities[{n}].label"));
        let field = format!("priorities[{n}].concerns");
        let ids = match &p.concerns {
            None => {
                problems.at(
                    parent,
                    &field,
                    "is missing: list the concern ids that support this priority, like concerns = [\"speeding\"]",
                );
                Vec::new()
            }
            Some(list) if list.get_ref().is_empty() => {
                problems.at(Some(list.span()), &field, "must list at least one concern id");
                Vec::new()
            }
            Some(list) => concern_refs(problems, list.get_ref(), concerns, &field),
        };
        if let Some(id) = id {
            priorities.push(Priority {
                id,
                label,
                concerns: ids,
            });
        }
    }
    priorities
}

/// Checks `unmapped` and that every concern is either mapped to a priority or listed there.
pub(super) fn check_mapping(
    problems: &mut Problems,
    unmapped: &Opt<Vec<Spanned<String>>>,
    raw_concerns: &[Spanned<RawConcern>],
    concerns: &[Concern],
    priorities: &[Priority],
) {
    let listed = match unmapped {
        Some(list) => concern_refs(problems, list.get_ref(), concerns, "unmapped"),
        None => Vec::new(),
    };
    let supports = |id: &ConcernId| priorities.iter().any(|p| p.concerns.contains(id));
    for id in &listed {
        if supports(id) {
            let span = unmapped
                .as_ref()
                .and_then(|l| l.get_ref().iter().find(|s| s.get_ref().trim() == id.as_str()))
                .map(Spanned::span);
            problems.at(
                span,
                "unmapped",
                format!("'{id}' is listed as unmapped but a priority lists it: remove it from one or the other"),
            );
        }
    }
    // Walk the file's entries (not the built concerns) to name each by its position and line.
    let mut reported: Vec<&ConcernId> = Vec::new();
    for (i, entry) in raw_concerns.iter().enumerate() {
        let Some(written) = &entry.get_ref().id else {
            continue;
        };
        let Some(c) = concerns.iter().find(|c| c.id.as_str() == written.get_ref()) else {
            continue;
        };
        if supports(&c.id) || listed.contains(&c.id) || reported.contains(&&c.id) {
            continue;
        }
        reported.push(&c.id);
        problems.at(
            Some(written.span()),
            format!("concerns[{}].id", i + 1),
            format!(
                "'{}' supports no priority: add it to a priority's concerns, or list it in unmapped = [...] if that is deliberate",
                c.id
            ),
        );
    }
}

pub(super) fn build_themes(problems: &mut Problems, raw: &[Spanned<RawTheme>]) -> Vec<Theme> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut themes = Vec::with_capacity(raw.len());
    for (i, entry) in raw.iter().enumerate() {
        let n = i + 1;
        let parent = Some(entry.span());
        let t = entry.get_ref();
        let id = snake_id(problems, &t.id, &parent, &format!("themes[{n}].id"), "theme");
        if let (Some(id), Some(span)) = (&id, t.id.as_ref().map(Spanned::span)) {
            if let Some(first) = seen.insert(id.clone(), n) {
                problems.at(
                    Some(span),
                    format!("themes[{n}].id"),
                    format!("'{id}' is used twice: themes[{first}] has the same id"),
                );
            }
        }
        let label = required_text(problems, &t.label, &parent, &format!("themes[{n}].label"));
        let field = format!("themes[{n}].keywords");
        let mut keywords: Vec<String> = Vec::new();
        match &t.keywords {
            None => problems.at(parent, &field, "is missing: list the words that mark a comment as being about this theme, like keywords = [\"speed\", \"boy racer\"]"),
            Some(list) if list.get_ref().is_empty() => {
                problems.at(Some(list.span()), &field, "must list at least one keyword")
            }
            Some(list) => {
                for k in list.get_ref() {
                    let word = k.get_ref().trim().to_lowercase();
                    if word.is_empty() {
                        problems.at(Some(k.span()), &field, "a keyword must not be blank");
                    } else if keywords.contains(&word) {
                        problems.at(Some(k.span()), &field, format!("'{word}' is listed twice"));
                    } else {
                        keywords.push(word);
                    }
                }
            }
        }
        if let Some(id) = id {
            themes.push(Theme { id, label, keywords });
        }
    }
    themes
}
