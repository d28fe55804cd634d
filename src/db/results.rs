//! Reading responses for the results engine: only the columns it needs, decoded without a heap
//! allocation per row (codes are read into small inline buffers and mapped to integers with a
//! [`Codebook`]), and a cheap version check for the results cache.

use super::error::DbError;
use super::schema::responses;
use crate::domain::dataset::{Codebook, DatasetRows, DatasetVersion, RankingCodes, Respondent, MAX_RANKED_CODES};
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::{Pg, PgValue};
use diesel::prelude::*;
use diesel::sql_types::{Array, Text};

/// A short text column value held inline (codes, age bands, sex); longer values are marked too long.
#[derive(Debug, Clone, Copy, FromSqlRow)]
pub struct ShortText {
    len: u8,
    bytes: [u8; 24],
}

impl ShortText {
    /// The bytes, or `None` when the value was longer than the buffer.
    pub fn get(&self) -> Option<&[u8]> {
        self.bytes.get(..usize::from(self.len))
    }
}

impl FromSql<Text, Pg> for ShortText {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        let raw = value.as_bytes();
        let mut out = ShortText {
            len: u8::MAX,
            bytes: [0; 24],
        };
        if raw.len() <= out.bytes.len() {
            out.bytes[..raw.len()].copy_from_slice(raw);
            out.len = raw.len() as u8;
        }
        Ok(out)
    }
}

/// Longest concern id held inline (concern ids are at most 40 characters).
const CONCERN_BYTES: usize = 40;

/// A `TEXT[]` of concern ids held inline: up to [`MAX_RANKED_CODES`] ids of up to 40 bytes.
#[derive(Debug, Clone, Copy, FromSqlRow)]
pub struct ConcernTexts {
    count: u8,
    lens: [u8; MAX_RANKED_CODES],
    bytes: [[u8; CONCERN_BYTES]; MAX_RANKED_CODES],
}

impl ConcernTexts {
    /// The ids in order; an id too long to be a concern id comes out as `None`.
    pub fn iter(&self) -> impl Iterator<Item = Option<&[u8]>> {
        (0..usize::from(self.count)).map(|i| self.bytes[i].get(..usize::from(self.lens[i])))
    }
}

fn read_i32(raw: &[u8], at: usize) -> deserialize::Result<i32> {
    let bytes: [u8; 4] = raw
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .ok_or("truncated array")?;
    Ok(i32::from_be_bytes(bytes))
}

impl FromSql<Array<Text>, Pg> for ConcernTexts {
    /// PostgreSQL's binary array format: ndim, has-null flag, element oid, (size, lower bound) per
    /// dimension, then per element its length (-1 for NULL) and bytes.
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        let raw = value.as_bytes();
        let mut out = ConcernTexts {
            count: 0,
            lens: [0; MAX_RANKED_CODES],
            bytes: [[0; CONCERN_BYTES]; MAX_RANKED_CODES],
        };
        let dimensions = read_i32(raw, 0)?;
        if dimensions == 0 {
            return Ok(out);
        }
        if dimensions != 1 {
            return Err("concerns must be a one-dimensional array".into());
        }
        let elements = read_i32(raw, 12)?.max(0) as usize;
        let mut at = 20;
        for _ in 0..elements {
            let len = read_i32(raw, at)?;
            at += 4;
            if len < 0 {
                continue;
            }
            let len = len as usize;
            let item = raw.get(at..at + len).ok_or("truncated array element")?;
            at += len;
            let slot = usize::from(out.count);
            if slot == MAX_RANKED_CODES {
                continue;
            }
            if len <= CONCERN_BYTES {
                out.bytes[slot][..len].copy_from_slice(item);
                out.lens[slot] = len as u8;
            } else {
                out.lens[slot] = u8::MAX;
            }
            out.count += 1;
        }
        Ok(out)
    }
}

type RawRow = (
    i64,
    ShortText,
    Option<ShortText>,
    Option<ShortText>,
    Option<i16>,
    Option<i16>,
    ConcernTexts,
);

/// Loads a consultation's responses with `after < id <= up_to`, coded with `codebook`.
pub fn load_responses(
    conn: &mut PgConnection,
    consultation_id: &str,
    after: i64,
    up_to: i64,
    codebook: &Codebook,
) -> Result<DatasetRows, DbError> {
    load_filtered(conn, consultation_id, after, up_to, None, codebook)
}

/// Loads a consultation's responses, only those in the council areas `area_codes` when given (one
/// division's, say, through the (consultation, council area) index).
pub fn load_responses_in(
    conn: &mut PgConnection,
    consultation_id: &str,
    area_codes: Option<&[String]>,
    codebook: &Codebook,
) -> Result<DatasetRows, DbError> {
    load_filtered(conn, consultation_id, 0, i64::MAX, area_codes, codebook)
}

/// Loads the responses a snapshot has released (see `super::snapshots`).
pub fn load_released(
    conn: &mut PgConnection,
    consultation_id: &str,
    codebook: &Codebook,
) -> Result<DatasetRows, DbError> {
    let filter = RowFilter {
        released_only: true,
        ..RowFilter::all()
    };
    load_filtered_by(conn, consultation_id, &filter, codebook)
}

/// As [`load_responses_in`], leaving out the responses with ids in `excluded` (for the figures
/// without the responses duplicate screening flagged, `crate::results::screening`).
pub fn load_responses_excluding(
    conn: &mut PgConnection,
    consultation_id: &str,
    area_codes: Option<&[String]>,
    excluded: &[i64],
    codebook: &Codebook,
) -> Result<DatasetRows, DbError> {
    let filter = RowFilter {
        area_codes,
        excluded,
        ..RowFilter::all()
    };
    load_filtered_by(conn, consultation_id, &filter, codebook)
}

fn load_filtered(
    conn: &mut PgConnection,
    consultation_id: &str,
    after: i64,
    up_to: i64,
    area_codes: Option<&[String]>,
    codebook: &Codebook,
) -> Result<DatasetRows, DbError> {
    let filter = RowFilter {
        after,
        up_to,
        area_codes,
        ..RowFilter::all()
    };
    load_filtered_by(conn, consultation_id, &filter, codebook)
}

/// Which of a consultation's stored rows to read.
struct RowFilter<'a> {
    /// Ids above `after` and up to `up_to`.
    after: i64,
    up_to: i64,
    /// Only these council areas (all when `None`).
    area_codes: Option<&'a [String]>,
    /// Only rows a snapshot has released.
    released_only: bool,
    /// Leaving out these ids.
    excluded: &'a [i64],
}

impl RowFilter<'_> {
    fn all() -> Self {
        Self {
            after: 0,
            up_to: i64::MAX,
            area_codes: None,
            released_only: false,
            excluded: &[],
        }
    }
}

fn load_filtered_by(
    conn: &mut PgConnection,
    consultation_id: &str,
    filter: &RowFilter<'_>,
    codebook: &Codebook,
) -> Result<DatasetRows, DbError> {
    let RowFilter {
        after,
        up_to,
        area_codes,
        released_only,
        excluded,
    } = *filter;
    let mut query = responses::table
        .filter(responses::consultation_id.eq(consultation_id))
        .filter(responses::id.gt(after))
        .filter(responses::id.le(up_to))
        .into_boxed();
    if let Some(codes) = area_codes {
        query = query.filter(responses::council_area_code.eq_any(codes));
    }
    if released_only {
        query = query.filter(responses::released_in.is_not_null());
    }
    if !excluded.is_empty() {
        query = query.filter(responses::id.ne_all(excluded));
    }
    let rows = query
        .order(responses::id)
        .select((
            responses::id,
            responses::council_area_code,
            responses::age_band,
            responses::sex,
            responses::feel_safe,
            responses::confidence,
            responses::concerns,
        ))
        .load_iter::<RawRow, diesel::connection::DefaultLoadingMode>(conn)?;
    let mut out = DatasetRows::default();
    for row in rows {
        let (id, area, age, sex, feel_safe, confidence, concerns) = row?;
        out.max_id = out.max_id.max(id);
        let Some(area) = area.get().and_then(|code| codebook.area(code)) else {
            out.unknown_areas += 1;
            continue;
        };
        let mut ranking = RankingCodes::default();
        for id in concerns.iter() {
            match id.and_then(|id| codebook.concern(id)) {
                Some(code) => ranking.push(code),
                None => out.unknown_concerns += 1,
            }
        }
        let likert = |v: Option<i16>| v.and_then(|v| u8::try_from(v).ok()).filter(|v| (1..=5).contains(v));
        out.rows.push((
            area,
            Respondent {
                age: age.as_ref().and_then(ShortText::get).and_then(Codebook::age_band),
                sex: sex.as_ref().and_then(ShortText::get).and_then(Codebook::sex),
                feel_safe: likert(feel_safe),
                confidence: likert(confidence),
                ranking,
            },
        ));
    }
    Ok(out)
}

/// How many responses a consultation has, the largest id among them and its change generation, as
/// the `response_counters` triggers keep them (exact for the caller's snapshot; a handful of rows).
pub fn dataset_version(conn: &mut PgConnection, consultation_id: &str) -> Result<DatasetVersion, DbError> {
    use diesel::sql_types::BigInt;
    #[derive(QueryableByName)]
    struct Counters {
        #[diesel(sql_type = BigInt)]
        row_count: i64,
        #[diesel(sql_type = BigInt)]
        max_id: i64,
        #[diesel(sql_type = BigInt)]
        generation: i64,
    }
    let counters: Counters = diesel::sql_query(
        "SELECT coalesce(sum(row_count), 0)::int8 AS row_count, coalesce(max(max_id), 0) AS max_id, \
         coalesce(sum(generation), 0)::int8 AS generation FROM response_counters WHERE consultation_id = $1",
    )
    .bind::<Text, _>(consultation_id)
    .get_result(conn)?;
    Ok(DatasetVersion {
        rows: counters.row_count.max(0) as u64,
        max_id: counters.max_id,
        generation: counters.generation,
    })
}

/// What a refresh of a cached dataset found.
#[derive(Debug, Clone)]
pub enum Refresh {
    /// Nothing changed since `cached`.
    Unchanged,
    /// New rows after the cached ones: append them.
    Appended(DatasetRows, DatasetVersion),
    /// The cached rows are not a prefix of the table any more (first load, a late commit of a lower
    /// id, or deleted rows): replace everything.
    Replaced(DatasetRows, DatasetVersion),
}

/// Brings a cached version up to date, in one REPEATABLE READ snapshot so that the version and the
/// rows read agree. See `crate::results::datasets` for the rule.
pub fn refresh(
    conn: &mut PgConnection,
    consultation_id: &str,
    cached: Option<DatasetVersion>,
    codebook: &Codebook,
) -> Result<Refresh, DbError> {
    conn.build_transaction().repeatable_read().read_only().run(|conn| {
        let now = dataset_version(conn, consultation_id)?;
        if let Some(old) = cached {
            if old == now {
                return Ok(Refresh::Unchanged);
            }
            if now.generation == old.generation && now.rows > old.rows && now.max_id > old.max_id {
                let delta = load_responses(conn, consultation_id, old.max_id, now.max_id, codebook)?;
                let read = delta.rows.len() as u64 + delta.unknown_areas;
                if old.rows + read == now.rows {
                    return Ok(Refresh::Appended(delta, now));
                }
            }
        }
        let all = load_responses(conn, consultation_id, 0, now.max_id, codebook)?;
        Ok(Refresh::Replaced(all, now))
    })
}

/// The adult population margins as seeded in `population_margins` (weighting targets). Cells with
/// an unknown sex or age band are refused as corrupt reference data.
pub fn load_population(conn: &mut PgConnection) -> Result<crate::domain::population::PopulationMargins, DbError> {
    use crate::domain::population::{AdultPopulation, PopulationMargins};
    use crate::domain::{AgeBand, CouncilAreaCode};
    use std::collections::BTreeMap;
    let rows = super::reference::load_population_rows(conn)?;
    let corrupt = |what: String| DbError::Task(format!("population_margins is invalid: {what}"));
    let mut cells: BTreeMap<CouncilAreaCode, [[u64; 7]; 2]> = BTreeMap::new();
    let (mut year, mut source) = (0, String::new());
    for row in rows {
        let code = CouncilAreaCode::parse(&row.council_area_code).map_err(corrupt)?;
        let sex = Codebook::sex(row.sex.as_bytes()).ok_or_else(|| corrupt(format!("sex '{}'", row.sex)))?;
        let band = AgeBand::parse(&row.age_band).ok_or_else(|| corrupt(format!("age band '{}'", row.age_band)))?;
        let count = u64::try_from(row.population).map_err(|_| corrupt(format!("population {}", row.population)))?;
        cells.entry(code).or_default()[usize::from(sex)][band.index()] = count;
        year = row.year;
        source = row.source_url;
    }
    let by_area = cells
        .into_iter()
        .map(|(code, c)| (code, AdultPopulation::new(c)))
        .collect();
    Ok(PopulationMargins::new(year, source, by_area))
}
