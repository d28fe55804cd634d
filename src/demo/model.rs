//! The generator's model of who responds and what they say, fixed once per run; and drawing one
//! respondent from it.

use super::areas::{profile, AreaKind, AreaProfile};
use super::concerns::{plackett_luce, stable_unit, worths};
use super::{comments, DemoError, Wave};
use crate::domain::answers::PREFER_NOT_TO_SAY;
use crate::domain::population::PopulationMargins;
use crate::domain::uk_time::{from_uk_local, UkLocal};
use crate::domain::{AgeBand, Channel, CouncilAreaCode, Geography, ResponseInput, SurveyDefinition};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rand::distributions::{Distribution, WeightedIndex};
use rand::Rng;

/// Response propensity by age band relative to population (16–24 … 75+): older people answer
/// consultations far more readily, the young far less.
pub const AGE_RESPONSE: [f64; 7] = [0.4, 0.7, 0.85, 1.0, 1.4, 4.0, 2.2];
/// Response propensity by sex (M, F).
pub const SEX_RESPONSE: [f64; 2] = [1.0, 1.3];
/// Share of respondents who leave a comment.
pub const COMMENT_RATE: f64 = 0.4;
/// Relative activity by hour of the day (UK time): evenings are busiest.
const HOURS: [f64; 24] = [
    0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.2, 1.5, 1.6, 1.6, 1.8, 1.7, 1.5, 1.5, 1.6, 1.8, 2.2, 2.6, 2.6, 2.2,
    1.5, 0.7,
];

struct AreaModel {
    code: CouncilAreaCode,
    profile: &'static AreaProfile,
    /// Sex × age cells (`sex * 7 + age`), weighted by population × response propensity.
    cells: WeightedIndex<f64>,
    /// Concern worths for each cell.
    worths: Vec<Vec<f64>>,
    /// Fixed local shift of how safe people feel, ±0.25.
    safety_offset: f64,
}

pub struct Model {
    concern_ids: Vec<String>,
    areas: Vec<AreaModel>,
    area_pick: WeightedIndex<f64>,
    hours: WeightedIndex<f64>,
    opens: NaiveDate,
    days: i64,
    max_ranked: usize,
    comment_max_chars: usize,
    asks_postcode: bool,
    demographics: bool,
    wave: Wave,
}

/// One made-up respondent, as they would fill in the form.
pub struct Draw {
    pub input: ResponseInput,
    pub channel: Channel,
    pub submitted_at: DateTime<Utc>,
}

fn normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn likert(mean: f64, z: f64) -> String {
    (mean + z).round().clamp(1.0, 5.0).to_string()
}

impl Model {
    pub fn new(
        definition: &SurveyDefinition,
        geography: &Geography,
        population: &PopulationMargins,
        wave: Wave,
    ) -> Result<Self, DemoError> {
        let concern_ids: Vec<String> = definition.concerns.iter().map(|c| c.id.as_str().to_string()).collect();
        let ids: Vec<&str> = concern_ids.iter().map(String::as_str).collect();
        let mut covered: Vec<_> = geography
            .areas
            .iter()
            .filter(|a| definition.coverage.covers(a))
            .collect();
        // HashMap order is random: sort so that the same seed gives the same responses.
        covered.sort_by(|a, b| a.code.cmp(&b.code));
        let mut areas = Vec::new();
        let mut area_weights = Vec::new();
        for area in covered {
            let Some(adults) = population.area(&area.code) else {
                continue;
            };
            let cells = adults.cells();
            let weights: Vec<f64> = (0..14)
                .map(|i| cells[i / 7][i % 7] as f64 * SEX_RESPONSE[i / 7] * AGE_RESPONSE[i % 7])
                .collect();
            let Ok(cell_pick) = WeightedIndex::new(&weights) else {
                continue;
            };
            let profile = profile(area.code.as_str());
            let worths = (0..14)
                .map(|i| worths(&ids, area.code.as_str(), profile.kind, i % 7, i / 7 == 1, wave))
                .collect();
            area_weights.push(adults.total() as f64 * profile.response_rate);
            areas.push(AreaModel {
                code: area.code.clone(),
                profile,
                cells: cell_pick,
                worths,
                safety_offset: 0.5 * stable_unit(area.code.as_str()) - 0.25,
            });
        }
        let area_pick = WeightedIndex::new(&area_weights).map_err(|_| DemoError::NoPopulation {
            consultation: definition.id.as_str().to_string(),
        })?;
        let hours = WeightedIndex::new(HOURS).map_err(|e| DemoError::Model(e.to_string()))?;
        Ok(Self {
            concern_ids,
            areas,
            area_pick,
            hours,
            opens: definition.opens,
            days: (definition.closes - definition.opens).num_days() + 1,
            max_ranked: definition.max_ranked.min(definition.concerns.len()).max(1),
            comment_max_chars: definition.comment_max_chars,
            asks_postcode: definition.questions.postcode_district.is_some(),
            demographics: definition.questions.demographics,
            wave,
        })
    }

    fn ranked_count(&self, rng: &mut impl Rng) -> usize {
        if self.max_ranked == 1 || rng.gen_bool(0.78) {
            self.max_ranked
        } else {
            rng.gen_range(1..self.max_ranked)
        }
    }

    /// A day in the consultation period: a launch rush, a reminder bump, a last-minute push, and a
    /// steady trickle between.
    fn day(&self, rng: &mut impl Rng) -> i64 {
        let d = self.days as f64;
        let offset = match rng.gen_range(0..100) {
            0..=29 => -(d / 25.0) * (1.0 - rng.gen::<f64>()).ln(),
            30..=44 => d * 0.45 + normal(rng) * d / 40.0,
            45..=59 => d - 1.0 + (d / 40.0) * (1.0 - rng.gen::<f64>()).ln(),
            _ => rng.gen::<f64>() * d,
        };
        (offset.floor() as i64).clamp(0, self.days - 1)
    }

    fn submitted_at(&self, rng: &mut impl Rng) -> DateTime<Utc> {
        let date = self.opens + Duration::days(self.day(rng));
        let hour = self.hours.sample(rng) as u32;
        let time = NaiveTime::from_hms_opt(hour, rng.gen_range(0..60), rng.gen_range(0..60)).unwrap_or(NaiveTime::MIN);
        let local = date.and_time(time);
        match from_uk_local(local) {
            UkLocal::Single(t) | UkLocal::Ambiguous(t, _) => t,
            // The hour the clocks skip: the resident's clock already said an hour later.
            UkLocal::Skipped => local.and_utc(),
        }
    }

    fn channel(&self, rng: &mut impl Rng, age: usize) -> Channel {
        let paper =
            [0.03, 0.04, 0.05, 0.07, 0.10, 0.16, 0.24][age] * if self.wave == Wave::Previous { 1.3 } else { 1.0 };
        let u: f64 = rng.gen();
        if u < paper {
            Channel::Paper
        } else if u < paper + 0.05 {
            Channel::Event
        } else if u < paper + 0.065 {
            Channel::Email
        } else if u < paper + 0.075 {
            Channel::Phone
        } else {
            Channel::Web
        }
    }

    /// Draws one respondent.
    pub fn draw(&self, rng: &mut impl Rng) -> Draw {
        let area = &self.areas[self.area_pick.sample(rng)];
        let cell = area.cells.sample(rng);
        let (sex, age) = (cell / 7, cell % 7);
        let kind = area.profile.kind;

        let k = self.ranked_count(rng);
        let ranking = plackett_luce(rng, &area.worths[cell], k);
        let ranked: Vec<&str> = ranking.iter().map(|&i| self.concern_ids[i].as_str()).collect();

        let previous = if self.wave == Wave::Previous { 1.0 } else { 0.0 };
        let place = match kind {
            AreaKind::Urban => -0.35,
            AreaKind::Mixed => 0.05,
            AreaKind::Rural => 0.45,
        };
        let safe_mean =
            3.6 + place + area.safety_offset - 0.3 * sex as f64 - [0.1, 0.0, 0.0, 0.0, 0.05, 0.1, 0.25][age]
                + 0.1 * previous;
        let safe_z = normal(rng);
        let feel_safe = (!rng.gen_bool(0.03)).then(|| likert(safe_mean, 0.95 * safe_z));
        let confidence_mean = 2.9 + 0.4 * place + 0.08 * age as f64 + 0.2 * previous;
        let confidence_z = 0.4 * safe_z + 0.85 * normal(rng);
        let confidence = (!rng.gen_bool(0.06)).then(|| likert(confidence_mean, confidence_z));

        let (age_band, sex_answer, disability) = if self.demographics {
            self.demographics(rng, sex, age)
        } else {
            (None, None, None)
        };
        let comment_rate = COMMENT_RATE + [-0.08, -0.05, -0.02, 0.0, 0.03, 0.05, 0.04][age];
        let comment = rng.gen_bool(comment_rate).then(|| {
            comments::compose(
                rng,
                area.profile.places,
                area.profile.districts,
                &ranked,
                self.comment_max_chars,
            )
        });
        let postcode_district = (self.asks_postcode && rng.gen_bool(0.72))
            .then(|| {
                area.profile
                    .districts
                    .get(rng.gen_range(0..area.profile.districts.len().max(1)))
                    .map(|d| d.to_string())
            })
            .flatten();

        Draw {
            input: ResponseInput {
                council_area: Some(area.code.as_str().to_string()),
                postcode_district,
                feel_safe,
                confidence,
                concerns: ranked.iter().map(|id| Some(id.to_string())).collect(),
                comment,
                age_band,
                sex: sex_answer,
                disability,
            },
            channel: self.channel(rng, age),
            submitted_at: self.submitted_at(rng),
        }
    }

    /// Age, sex and disability answers: about 8% decline or skip each of age and sex.
    fn demographics(
        &self,
        rng: &mut impl Rng,
        sex: usize,
        age: usize,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let declined = |rng: &mut dyn rand::RngCore, pnts: f64, blank: f64, answer: String| -> Option<String> {
            let u: f64 = rng.gen();
            if u < pnts {
                Some(PREFER_NOT_TO_SAY.to_string())
            } else if u < pnts + blank {
                None
            } else {
                Some(answer)
            }
        };
        let age_band = declined(rng, 0.05, 0.03, AgeBand::ALL[age].as_str().to_string());
        let sex_answer = declined(rng, 0.045, 0.035, if sex == 1 { "F" } else { "M" }.to_string());
        let p_disabled = [0.10, 0.12, 0.14, 0.18, 0.24, 0.30, 0.40][age];
        let has_disability = if rng.gen_bool(p_disabled) { "yes" } else { "no" };
        let disability = declined(rng, 0.05, 0.04, has_disability.to_string());
        (age_band, sex_answer, disability)
    }
}
