//! Hand-built reference data for unit tests: Scotland's 32 council areas and their adult
//! population (NRS mid-2022, from `tests/fixtures/import/`), and a Your-Police-like definition.

use super::PopulationByArea;
use crate::domain::{
    AgeBand, Concern, ConcernId, ConsultationId, CouncilArea, CouncilAreaCode, Coverage, Division,
    DivisionCode, Geography, QuestionWording, Questions, SurveyDefinition,
};
use chrono::NaiveDate;

const AREAS_CSV: &str = include_str!("../../tests/fixtures/import/council-areas.csv");
const POPULATION_CSV: &str =
    include_str!("../../tests/fixtures/import/population-by-council-sex-ageband.csv");

pub const CONCERNS: &[&str] = &[
    "drug_dealing",
    "antisocial_behaviour",
    "youth_disorder",
    "vandalism",
    "violence",
    "hate_crime",
    "domestic_abuse",
    "sexual_crime",
    "child_exploitation",
    "vulnerable_people",
    "housebreaking",
    "vehicle_crime",
    "shoplifting",
    "doorstep_crime",
    "online_fraud",
    "rural_crime",
    "organised_crime",
    "speeding",
    "drink_drug_driving",
    "nuisance_vehicles",
    "terrorism",
];

fn wording(text: &str) -> QuestionWording {
    QuestionWording {
        text: text.into(),
        hint: None,
        easy_read_text: text.into(),
        easy_read_hint: None,
    }
}

pub fn definition() -> SurveyDefinition {
    SurveyDefinition {
        id: ConsultationId::parse("your-police-2026").unwrap(),
        title: "Your Police 2026".into(),
        easy_read_title: "Your Police 2026".into(),
        summary: "Test".into(),
        easy_read_summary: "Test".into(),
        organiser: "Police Scotland".into(),
        opens: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        closes: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
        coverage: Coverage::Scotland,
        previous: None,
        questions: Questions {
            council_area: wording("Where do you live?"),
            postcode_district: Some(wording("Postcode district")),
            feel_safe: wording("How safe do you feel?"),
            confidence: wording("How confident are you in the police?"),
            concerns: wording("What worries you most?"),
            comment: wording("Anything else?"),
            demographics: true,
        },
        max_ranked: 3,
        comment_max_chars: 2000,
        suppression_threshold: 10,
        low_base_threshold: 50,
        concerns: CONCERNS
            .iter()
            .map(|id| Concern {
                id: ConcernId::parse(id).unwrap(),
                label: id.replace('_', " "),
                easy_read_label: id.replace('_', " "),
                description: String::new(),
            })
            .collect(),
        priorities: vec![],
        themes: vec![],
    }
}

pub fn geography() -> Geography {
    let mut divisions: Vec<Division> = Vec::new();
    let mut areas = Vec::new();
    for line in AREAS_CSV.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let division = DivisionCode::parse(f[2]).unwrap();
        if !divisions.iter().any(|d| d.code == division) {
            divisions.push(Division {
                code: division.clone(),
                name: f[3].into(),
            });
        }
        areas.push(CouncilArea {
            code: CouncilAreaCode::parse(f[0]).unwrap(),
            name: f[1].into(),
            division,
            population_total: f[4].parse().unwrap(),
        });
    }
    Geography::new(divisions, areas)
}

pub fn population() -> PopulationByArea {
    let mut population = PopulationByArea::new();
    for line in POPULATION_CSV.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let Some(band) = AgeBand::parse(f[3]) else {
            continue;
        };
        let sex = usize::from(f[2] == "F");
        population
            .entry(CouncilAreaCode::parse(f[0]).unwrap())
            .or_insert([[0.0; 7]; 2])[sex][band.index()] = f[4].parse().unwrap();
    }
    population
}
