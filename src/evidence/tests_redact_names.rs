//! Redaction of people's names anywhere in a comment, and the places, organisations and ordinary
//! capitalised words that must survive it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::redact::redact_personal_data;
use super::redact::RedactionKind::Name;
use super::tests_redact::check;
use std::path::Path;

#[test]
fn capitalised_name_pairs_are_removed() {
    let n = &[Name][..];
    check(&[
        (
            "Drug dealing by Jane Doe every night",
            "Drug dealing by [name removed] every night",
            n,
        ),
        ("JANE DOE SELLS DRUGS", "[name removed] SELLS DRUGS", n),
        (
            "Shonagh Baird sells from her flat",
            "[name removed] sells from her flat",
            n,
        ),
        (
            "reported Kez Dunlop three times",
            "reported [name removed] three times",
            n,
        ),
        (
            "Hamish McTavish from Castle Douglas",
            "[name removed] from Castle Douglas",
            n,
        ),
        ("I told Mary-Jane O'Neill about it", "I told [name removed] about it", n),
        ("it was Anna de Souza's car", "it was [name removed]'s car", n),
        ("Jean Hamilton from Hamilton", "[name removed] from Hamilton", n),
        (
            "Fiona Stirling lives in Stirling",
            "[name removed] lives in Stirling",
            n,
        ),
        ("Mark White deals", "[name removed] deals", n),
        ("ask J. Smith", "ask [name removed]", n),
    ]);
}

#[test]
fn single_names_after_cues_and_listed_names_are_removed() {
    let n = &[Name][..];
    check(&[
        (
            "my neighbour Tadeusz keeps parking",
            "my neighbour [name removed] keeps parking",
            n,
        ),
        (
            "a lad called Kez is dealing",
            "a lad called [name removed] is dealing",
            n,
        ),
        (
            "my neighbour, Zbigniew, parks there",
            "my neighbour, [name removed], parks there",
            n,
        ),
        (
            "Kyle sells weed at the swings",
            "[name removed] sells weed at the swings",
            n,
        ),
        (
            "the McTavish family are a nightmare",
            "the [name removed] family are a nightmare",
            n,
        ),
        (
            "hare coursing by the Pettigrew brothers",
            "hare coursing by the [name removed] brothers",
            n,
        ),
        ("we met Dawn at the shops", "we met [name removed] at the shops", n),
        ("KEITH SELLS DRUGS", "[name removed] SELLS DRUGS", n),
        (
            "my mate Jamie said his brother Liam was hit",
            "my mate [name removed] said his brother [name removed] was hit",
            &[Name, Name],
        ),
    ]);
}

#[test]
fn names_written_in_lower_case_are_removed_after_a_given_name() {
    let n = &[Name][..];
    check(&[
        (
            "my name is jean mcleod and i live here",
            "my name is [name removed] and i live here",
            n,
        ),
        ("fiona macleod, station road", "[name removed], station road", n),
        ("ask jane smith", "ask [name removed]", n),
    ]);
}

#[test]
fn titles_keep_their_title_and_lose_the_name() {
    check(&[(
        "we met Cllr Reid and Inspector Brown",
        "we met Cllr [name removed] and Inspector [name removed]",
        &[Name, Name],
    )]);
}

#[test]
fn places_organisations_and_ordinary_capitals_survive() {
    let kept = [
        "Anti-social behaviour in Port Glasgow",
        "speeding on the A90 near Stonehaven",
        "We called Police Scotland and the Community Council about it",
        "Newton Mearns and East Kilbride need more patrols, not Fort William",
        "Leith Walk and Princes Street are fine but Victoria Park is dodgy",
        "Boy racers on Easter Road every weekend",
        "Drug dealing in Bridge of Don, Kyle of Lochalsh and St Margaret's Hope",
        "The Tesco Extra car park at night is a gathering point",
        "Bonfire Night fireworks from the Burns Night crowd",
        "Speeding Cars Every Night",
        "The Speeding On Every Road In Newton Mearns Is A Disgrace And Nobody Cares",
        "Will someone do something about the speeding?",
        "May is the worst month for fireworks",
        "a blue Ford Focus racing up the road",
        "the Local Police Plan and the Scottish Government",
        "Christmas Eve and New Year are the worst",
        "More police please in Wester Hailes and Castle Douglas",
        "We need a Neighbourhood Watch in Gorgie",
        "CCTV in the Gorbals and Broughty Ferry",
    ];
    let changed: Vec<(String, String)> = kept
        .iter()
        .map(|c| (c.to_string(), redact_personal_data(c).text))
        .filter(|(before, after)| before != after)
        .collect();
    assert!(changed.is_empty(), "changed: {changed:#?}");
    // "Keith" starting a sentence is a person; "in Keith" is the town.
    check(&[(
        "Keith sells drugs outside the Co-op in Keith",
        "[name removed] sells drugs outside the Co-op in Keith",
        &[Name],
    )]);
}

/// Every council area and division of the seeds survives, alone, after "in" and before a verb.
#[test]
fn every_council_area_and_division_name_survives() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let areas = std::fs::read_to_string(seeds.join("council-areas.csv")).unwrap();
    let divisions = std::fs::read_to_string(seeds.join("divisions.csv")).unwrap();
    let mut names: Vec<String> = areas
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    names.extend(
        divisions
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap().to_string()),
    );
    assert!(names.len() >= 45, "{names:?}");
    let mut broken = Vec::new();
    for name in &names {
        for sentence in [
            format!("Speeding in {name} is bad"),
            format!("{name} needs more police"),
            format!("we need more patrols across {name} Council"),
        ] {
            let r = redact_personal_data(&sentence);
            if r.text != sentence {
                broken.push(format!("{sentence:?} -> {:?}", r.text));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
