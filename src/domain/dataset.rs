//! The compact in-memory form of one consultation's responses: only what the results engine uses,
//! coded as small integers and grouped by council area, so a million responses take about 20 MB and
//! can be appended to as new responses arrive. The database layer reads stored rows into
//! [`DatasetRows`] (through a [`Codebook`]); [`Dataset::append`] is the one way they join a dataset.

use crate::domain::{AgeBand, Geography, SurveyDefinition};
use std::collections::HashMap;

/// Most concerns one response can rank (the database allows 1 to 10).
pub const MAX_RANKED_CODES: usize = 10;

/// A ranking as concern indices (positions in the definition's `concerns`), most important first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RankingCodes {
    len: u8,
    items: [u8; MAX_RANKED_CODES],
}

impl RankingCodes {
    /// The ranking of `items`; `None` when it is longer than [`MAX_RANKED_CODES`].
    pub fn new(items: &[u8]) -> Option<Self> {
        if items.len() > MAX_RANKED_CODES {
            return None;
        }
        let mut codes = Self {
            len: items.len() as u8,
            items: [0; MAX_RANKED_CODES],
        };
        codes.items[..items.len()].copy_from_slice(items);
        Some(codes)
    }

    /// Appends one concern index (ignored beyond [`MAX_RANKED_CODES`]).
    pub fn push(&mut self, item: u8) {
        if usize::from(self.len) < MAX_RANKED_CODES {
            self.items[usize::from(self.len)] = item;
            self.len += 1;
        }
    }

    pub fn as_slice(&self) -> &[u8] {
        &self.items[..usize::from(self.len)]
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// One response, as the results engine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Respondent {
    /// Age band index in `AgeBand::ALL` order; `None` when not given or "prefer not to say".
    pub age: Option<u8>,
    /// Sex index in `Sex::ALL` order (male, female); `None` when not given or "prefer not to say".
    pub sex: Option<u8>,
    /// Feeling of safety, 1 (very unsafe) to 5 (very safe); `None` when not answered.
    pub feel_safe: Option<u8>,
    /// Confidence in the local police, 1 to 5; `None` when not answered.
    pub confidence: Option<u8>,
    /// The ranked concerns.
    pub ranking: RankingCodes,
}

/// Which stored rows a dataset reflects: how many, the largest `responses.id` among them, and how
/// many times stored rows were changed or removed (any change means "reload everything").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct DatasetVersion {
    pub rows: u64,
    pub max_id: i64,
    pub generation: i64,
}

/// All responses of one consultation, grouped by council area (the index of the area in
/// `Geography::areas`).
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    areas: Vec<Vec<Respondent>>,
    /// The stored rows this dataset was built from (including rows skipped below).
    pub version: DatasetVersion,
    /// Ranked concerns that are not in the definition (left out of the rankings).
    pub unknown_concerns: u64,
    /// Rows whose council area is not in the geography (left out).
    pub unknown_areas: u64,
    /// For the public's data: the snapshot that released it.
    pub published: Option<Published>,
}

/// The snapshot published figures come from (see `crate::db::snapshots`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Published {
    /// `null` before the first snapshot: nothing is published yet.
    pub snapshot_id: Option<i64>,
    pub taken_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Responses an area needs since its last release before its figures change.
    pub release_threshold: u32,
}

impl Dataset {
    /// An empty dataset for a geography of `area_count` council areas.
    pub fn new(area_count: usize) -> Self {
        Self {
            areas: vec![Vec::new(); area_count],
            ..Self::default()
        }
    }

    /// A dataset holding `rows`, read at `version`.
    pub fn from_rows(area_count: usize, rows: DatasetRows, version: DatasetVersion) -> Self {
        let mut dataset = Self::new(area_count);
        dataset.append(rows, version);
        dataset
    }

    /// Appends rows read after the ones already held, and records the version they bring it to.
    pub fn append(&mut self, rows: DatasetRows, version: DatasetVersion) {
        for (area, respondent) in rows.rows {
            self.push(area, respondent);
        }
        self.unknown_areas += rows.unknown_areas;
        self.unknown_concerns += rows.unknown_concerns;
        self.version = version;
    }

    /// Adds a respondent to council area `area`; an index outside the geography is counted and left out.
    pub fn push(&mut self, area: u16, respondent: Respondent) {
        match self.areas.get_mut(usize::from(area)) {
            Some(rows) => rows.push(respondent),
            None => self.unknown_areas += 1,
        }
    }

    /// The respondents of one council area (empty for an index outside the geography).
    pub fn area(&self, area: usize) -> &[Respondent] {
        self.areas.get(area).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Number of council areas the dataset was made for.
    pub fn area_count(&self) -> usize {
        self.areas.len()
    }

    /// Respondents in all areas.
    pub fn respondents(&self) -> usize {
        self.areas.iter().map(Vec::len).sum()
    }
}

/// Turns stored codes into the dataset's small integers: council area code → area index, concern id
/// → concern index, age band and sex strings → their index. Built once per consultation.
#[derive(Debug, Clone)]
pub struct Codebook {
    areas: HashMap<Vec<u8>, u16>,
    concerns: HashMap<Vec<u8>, u8>,
}

impl Codebook {
    pub fn new(geography: &Geography, definition: &SurveyDefinition) -> Self {
        let areas = geography
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str().as_bytes().to_vec(), i as u16))
            .collect();
        let concerns = definition
            .concerns
            .iter()
            .enumerate()
            .take(usize::from(u8::MAX))
            .map(|(i, c)| (c.id.as_str().as_bytes().to_vec(), i as u8))
            .collect();
        Self { areas, concerns }
    }

    pub fn area(&self, code: &[u8]) -> Option<u16> {
        self.areas.get(code).copied()
    }

    pub fn concern(&self, id: &[u8]) -> Option<u8> {
        self.concerns.get(id).copied()
    }

    /// Age band index of a stored `age_band`; `None` for "prefer_not_to_say" or anything else.
    pub fn age_band(code: &[u8]) -> Option<u8> {
        AgeBand::ALL
            .iter()
            .position(|b| b.as_str().as_bytes() == code)
            .map(|i| i as u8)
    }

    /// Sex index of a stored `sex` (`M` → 0, `F` → 1); `None` for "prefer_not_to_say".
    pub fn sex(code: &[u8]) -> Option<u8> {
        match code {
            b"M" => Some(0),
            b"F" => Some(1),
            _ => None,
        }
    }
}

/// Stored responses read for the results engine, coded with a [`Codebook`].
#[derive(Debug, Clone, Default)]
pub struct DatasetRows {
    /// (council area index, respondent), in `id` order.
    pub rows: Vec<(u16, Respondent)>,
    /// Rows whose council area is not in the codebook (left out).
    pub unknown_areas: u64,
    /// Ranked concern ids not in the definition (left out of the rankings).
    pub unknown_concerns: u64,
    /// Largest id read.
    pub max_id: i64,
}
