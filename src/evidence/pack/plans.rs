//! Which Local Police Plans a division's pack assesses: every plan of the division except those a
//! newer plan replaces (a plan is replaced when another plan of the division ends later and covers
//! all of its council areas; e.g. South Lanarkshire 2017–20 is replaced by Lanarkshire 2023–26).

use crate::domain::DivisionCode;
use crate::seeds::CurrentPlan;

/// The division's plans in force, and the replaced ones with the title of the plan replacing each.
pub fn current_plans<'a>(
    plans: &'a [CurrentPlan],
    division: &DivisionCode,
) -> (Vec<&'a CurrentPlan>, Vec<(&'a CurrentPlan, &'a CurrentPlan)>) {
    let of_division: Vec<&CurrentPlan> = plans.iter().filter(|p| &p.division == division).collect();
    let mut current = Vec::new();
    let mut superseded = Vec::new();
    for plan in &of_division {
        let newer = of_division.iter().find(|other| {
            other.id != plan.id
                && other.period.end_year > plan.period.end_year
                && plan.council_areas.iter().all(|a| other.council_areas.contains(a))
        });
        match newer {
            Some(newer) => superseded.push((*plan, *newer)),
            None => current.push(*plan),
        }
    }
    current.sort_by(|a, b| a.id.cmp(&b.id));
    superseded.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    (current, superseded)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::CouncilAreaCode;
    use crate::seeds::{PlanPeriod, PlanPriority};

    fn plan(id: &str, division: &str, areas: &[&str], end_year: i32) -> CurrentPlan {
        CurrentPlan {
            id: id.into(),
            title: id.into(),
            division: DivisionCode::parse(division).unwrap(),
            council_areas: areas.iter().map(|a| CouncilAreaCode::parse(a).unwrap()).collect(),
            period: PlanPeriod {
                start_year: end_year - 3,
                end_year,
            },
            source_file: String::new(),
            priorities: Vec::<PlanPriority>::new(),
            seed_file: String::new(),
        }
    }

    #[test]
    fn an_older_plan_for_areas_a_newer_plan_covers_is_superseded() {
        let plans = vec![
            plan("south-lanarkshire-2017-20", "Q", &["S12000029"], 2020),
            plan("lanarkshire-2023-26", "Q", &["S12000050", "S12000029"], 2026),
            plan("lothians-2023-26", "J", &["S12000010"], 2026),
        ];
        let (current, superseded) = current_plans(&plans, &DivisionCode::parse("Q").unwrap());
        assert_eq!(
            current.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["lanarkshire-2023-26"]
        );
        assert_eq!(superseded.len(), 1);
        assert_eq!(superseded[0].0.id, "south-lanarkshire-2017-20");
        assert_eq!(superseded[0].1.id, "lanarkshire-2023-26");
    }

    #[test]
    fn a_plan_for_one_area_is_current_when_nothing_newer_covers_it() {
        let plans = vec![plan("clackmannanshire-2020-23", "C", &["S12000005"], 2023)];
        let (current, superseded) = current_plans(&plans, &DivisionCode::parse("C").unwrap());
        assert_eq!(current.len(), 1);
        assert!(superseded.is_empty());
        let (none, _) = current_plans(&plans, &DivisionCode::parse("G").unwrap());
        assert!(none.is_empty());
    }
}
