//! How much residents worry about each concern (Plackett–Luce worths), and drawing a ranking.
//!
//! A resident's worth for a concern is `base × place × age × sex × wave × local`, where place
//! depends on how urban the area is, age tilts worries towards the young or the old, and `local`
//! is a fixed per-area wobble so that neighbouring areas of one kind still differ a little.

use super::areas::AreaKind;
use super::Wave;
use rand::Rng;

/// How one concern's worth depends on who and where the resident is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConcernTraits {
    /// National worth (relative: only ratios matter).
    pub base: f64,
    /// Multipliers in urban and rural areas (mixed areas take their geometric mean).
    pub urban: f64,
    pub rural: f64,
    /// Log-multiplier from the youngest (−tilt) to the oldest band (+tilt): positive = older people's worry.
    pub age_tilt: f64,
    /// Multiplier for women.
    pub female: f64,
    /// Multiplier in the previous wave (the story a comparison between waves should show).
    pub previous_wave: f64,
}

const fn t(base: f64, urban: f64, rural: f64, age_tilt: f64, female: f64, previous_wave: f64) -> ConcernTraits {
    ConcernTraits {
        base,
        urban,
        rural,
        age_tilt,
        female,
        previous_wave,
    }
}

/// Traits of the concern ids used by the Your Police surveys; anything else is a middling concern.
pub fn traits(concern_id: &str) -> ConcernTraits {
    match concern_id {
        "drug_dealing" => t(3.0, 1.8, 0.55, -0.2, 1.0, 1.0),
        "antisocial_behaviour" => t(2.6, 1.6, 0.6, 0.2, 1.0, 1.1),
        "youth_disorder" => t(1.2, 1.3, 0.8, 0.6, 1.0, 1.0),
        "vandalism" => t(0.8, 1.3, 0.8, 0.3, 1.0, 1.0),
        "violence" => t(1.6, 1.7, 0.5, -0.8, 1.0, 0.9),
        "hate_crime" => t(0.5, 1.5, 0.5, -1.0, 1.1, 0.9),
        "domestic_abuse" => t(1.0, 1.0, 1.0, -0.3, 1.6, 1.0),
        "sexual_crime" => t(0.8, 1.2, 0.8, -0.9, 1.7, 0.9),
        "child_exploitation" => t(1.0, 1.0, 1.0, -0.2, 1.3, 1.0),
        "vulnerable_people" => t(0.6, 1.0, 1.0, 0.3, 1.2, 1.0),
        "housebreaking" => t(1.3, 1.0, 1.1, 0.8, 1.0, 1.7),
        "vehicle_crime" => t(0.6, 1.3, 0.8, 0.0, 0.9, 1.3),
        "shoplifting" => t(0.5, 1.4, 0.6, 0.2, 1.0, 0.7),
        "doorstep_crime" => t(1.1, 0.7, 1.8, 1.1, 1.1, 0.8),
        "online_fraud" => t(1.4, 1.0, 1.0, 0.5, 1.0, 0.45),
        "rural_crime" => t(0.5, 0.1, 4.0, 0.3, 0.9, 1.0),
        "organised_crime" => t(0.9, 1.3, 0.8, 0.0, 0.9, 1.0),
        "speeding" => t(2.2, 0.6, 2.2, 0.2, 1.0, 1.0),
        "drink_drug_driving" => t(0.9, 0.8, 1.6, 0.0, 1.0, 1.0),
        "nuisance_vehicles" => t(1.0, 1.1, 1.1, -0.1, 0.9, 1.0),
        "terrorism" => t(0.3, 1.2, 0.6, 0.2, 1.0, 1.1),
        _ => t(0.7, 1.0, 1.0, 0.0, 1.0, 1.0),
    }
}

/// A number in [0, 1) fixed by the text (FNV-1a), for per-area variation independent of the seed.
pub fn stable_unit(text: &str) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

/// The worth of each concern (in `concern_ids` order) for a resident of an area of `kind` in age
/// band `age_index` (0 = 16–24 … 6 = 75+), female or not.
pub fn worths(
    concern_ids: &[&str],
    area_code: &str,
    kind: AreaKind,
    age_index: usize,
    female: bool,
    wave: Wave,
) -> Vec<f64> {
    let age_position = (age_index as f64 - 3.0) / 3.0;
    concern_ids
        .iter()
        .map(|id| {
            let c = traits(id);
            let place = match kind {
                AreaKind::Urban => c.urban,
                AreaKind::Rural => c.rural,
                AreaKind::Mixed => (c.urban * c.rural).sqrt(),
            };
            let wave = match wave {
                Wave::Current => 1.0,
                Wave::Previous => c.previous_wave,
            };
            let sex = if female { c.female } else { 1.0 };
            // ±20% fixed per area and concern.
            let local = 0.8 + 0.4 * stable_unit(&format!("{area_code}/{id}"));
            c.base * place * (c.age_tilt * age_position).exp() * sex * wave * local
        })
        .collect()
}

/// Draws a ranking of `k` concerns by Plackett–Luce: each choice is made among the concerns not
/// yet chosen, with probability proportional to their worths. Returns indexes into `worths`.
pub fn plackett_luce(rng: &mut impl Rng, worths: &[f64], k: usize) -> Vec<usize> {
    let k = k.min(worths.len());
    let mut chosen: Vec<usize> = Vec::with_capacity(k);
    let mut total: f64 = worths.iter().sum();
    for _ in 0..k {
        let mut target = rng.gen::<f64>() * total;
        let mut pick = None;
        for (i, w) in worths.iter().enumerate() {
            if chosen.contains(&i) {
                continue;
            }
            pick = Some(i);
            if target < *w {
                break;
            }
            target -= w;
        }
        // Rounding can run past the end: the last concern still available is then the pick.
        let Some(i) = pick else { break };
        total -= worths[i];
        chosen.push(i);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn plackett_luce_first_choices_follow_the_worths() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let worths = [6.0, 3.0, 1.0];
        let mut first = [0u32; 3];
        for _ in 0..20_000 {
            let r = plackett_luce(&mut rng, &worths, 3);
            assert_eq!(r.len(), 3);
            let mut sorted = r.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2], "no repeats");
            first[r[0]] += 1;
        }
        let share = f64::from(first[0]) / 20_000.0;
        assert!((share - 0.6).abs() < 0.02, "first choice share {share}");
    }

    #[test]
    fn rural_areas_worry_about_speeding_and_cities_about_drugs() {
        let ids = ["drug_dealing", "speeding", "rural_crime"];
        let city = worths(&ids, "S12000049", AreaKind::Urban, 3, false, Wave::Current);
        let country = worths(&ids, "S12000026", AreaKind::Rural, 3, false, Wave::Current);
        assert!(city[0] > city[1] && city[1] > city[2]);
        assert!(country[1] > country[0] && country[2] > country[0] * 0.5);
    }

    #[test]
    fn older_residents_worry_more_about_doorstep_crime_and_younger_about_hate_crime() {
        let ids = ["doorstep_crime", "hate_crime"];
        let young = worths(&ids, "S12000036", AreaKind::Urban, 0, true, Wave::Current);
        let old = worths(&ids, "S12000036", AreaKind::Urban, 6, true, Wave::Current);
        assert!(old[0] / old[1] > 10.0 * young[0] / young[1]);
    }
}
