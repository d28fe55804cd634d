//! Redaction of personal data: planted data is removed, ordinary comments are left alone.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::redact::{redact_personal_data, RedactionKind};
use RedactionKind::{Email, Name, PhoneNumber, Postcode, VehicleRegistration};

#[track_caller]
pub(super) fn check(cases: &[(&str, &str, &[RedactionKind])]) {
    let mut failures = Vec::new();
    for (input, expected, kinds) in cases {
        let r = redact_personal_data(input);
        if r.text != *expected || r.kinds != *kinds {
            failures.push(format!(
                "{input:?}\n   got {:?} {:?}\n  want {expected:?} {kinds:?}",
                r.text, r.kinds
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_patterns_compile() {
    // A broken pattern would make every comment "[comment withheld]".
    assert_eq!(redact_personal_data("fine").text, "fine");
}

#[test]
fn email_addresses_are_removed() {
    check(&[
        (
            "mail me at jean.mcleod@example.com please",
            "mail me at [email removed] please",
            &[Email],
        ),
        ("J_Smith+police@mail.example.co.uk.", "[email removed].", &[Email]),
        ("a@b.c is not one", "a@b.c is not one", &[]),
    ]);
}

#[test]
fn uk_phone_numbers_in_their_common_written_forms_are_removed() {
    let p = &[PhoneNumber][..];
    check(&[
        ("call 07700 900123 any time", "call [phone number removed] any time", p),
        ("call 07700900123", "call [phone number removed]", p),
        ("call +44 7700 900123.", "call [phone number removed].", p),
        ("+447700900123", "[phone number removed]", p),
        ("ring 0131 496 0000 or", "ring [phone number removed] or", p),
        ("ring (0141) 496 0000", "ring [phone number removed]", p),
        ("+44 (0)131 496 0000", "[phone number removed]", p),
        ("0044 131 496 0000", "[phone number removed]", p),
        ("freephone 0800 123 4567", "freephone [phone number removed]", p),
        ("0800 123 456", "[phone number removed]", p),
        ("020 7946 0000", "[phone number removed]", p),
        ("01224 123456", "[phone number removed]", p),
        ("0131-496-0000", "[phone number removed]", p),
        ("07700 900 123", "[phone number removed]", p),
        ("my mobile (07700 900123)", "my mobile ([phone number removed])", p),
        ("phone 0131 496 0000 2 times", "phone [phone number removed] 2 times", p),
        (
            "07700900123 and 0131 496 0000",
            "[phone number removed] and [phone number removed]",
            &[PhoneNumber, PhoneNumber],
        ),
    ]);
}

#[test]
fn short_numbers_years_times_and_long_digit_runs_are_not_phone_numbers() {
    check(&[
        ("the 101 number never answers", "the 101 number never answers", &[]),
        ("I called 999 at 10:30 in 2024", "I called 999 at 10:30 in 2024", &[]),
        ("open 0900-1700 and 1800", "open 0900-1700 and 1800", &[]),
        ("ref 077009001234567", "ref 077009001234567", &[]),
        ("on 01/02/2024 at 0800", "on 01/02/2024 at 0800", &[]),
        ("£1,000,000 on 2 cameras", "£1,000,000 on 2 cameras", &[]),
    ]);
}

#[test]
fn full_postcodes_are_removed_but_districts_are_kept() {
    let p = &[Postcode][..];
    check(&[
        ("I live at EH12 5AB", "I live at [postcode removed]", p),
        ("G2 1AA", "[postcode removed]", p),
        ("Kirkwall KW15 1AB.", "Kirkwall [postcode removed].", p),
        ("ml3 6ab", "[postcode removed]", p),
        ("EH125AB", "[postcode removed]", p),
        ("near SW1A 1AA", "near [postcode removed]", p),
        ("EH12 needs more patrols", "EH12 needs more patrols", &[]),
        ("EH12 and EH4 are quiet", "EH12 and EH4 are quiet", &[]),
        ("G1 at 2pm, M8 3rd exit", "G1 at 2pm, M8 3rd exit", &[]),
        ("the A9 1AA", "the A9 1AA", &[]),
    ]);
}

#[test]
fn vehicle_registrations_are_removed() {
    let v = &[VehicleRegistration][..];
    check(&[
        (
            "a white van SN19 ABC speeds",
            "a white van [vehicle registration removed] speeds",
            v,
        ),
        ("SN19ABC", "[vehicle registration removed]", v),
        ("reg sn19 abc", "reg [vehicle registration removed]", v),
        (
            "sn69xyz parks on the pavement",
            "[vehicle registration removed] parks on the pavement",
            v,
        ),
        ("old car P123 ABC", "old car [vehicle registration removed]", v),
        ("A123BCD", "[vehicle registration removed]", v),
        ("classic ABC 123D", "classic [vehicle registration removed]", v),
    ]);
}

#[test]
fn road_numbers_districts_and_acronyms_are_not_registrations() {
    check(&[
        ("A9 is dangerous", "A9 is dangerous", &[]),
        ("the A9 HGV limit", "the A9 HGV limit", &[]),
        ("the M8 and M74", "the M8 and M74", &[]),
        ("in eh12 the police", "in eh12 the police", &[]),
        ("EH12 THE POLICE NEVER COME", "EH12 THE POLICE NEVER COME", &[]),
        ("EH12 Old Town", "EH12 Old Town", &[]),
        ("NHS 24 took an hour", "NHS 24 took an hour", &[]),
        ("SN99 ABC is not a real age", "SN99 ABC is not a real age", &[]),
    ]);
}

#[test]
fn names_after_introductions_and_titles_are_removed() {
    let n = &[Name][..];
    check(&[
        (
            "my name is Jean McLeod and I live here",
            "my name is [name removed] and I live here",
            n,
        ),
        (
            "My name is Jean. I live here",
            "My name is [name removed]. I live here",
            n,
        ),
        ("Hi, my name's Seán O'Neill-Ross", "Hi, my name's [name removed]", n),
        (
            "MY NAME IS JEAN MCLEOD AND I AM ANGRY",
            "MY NAME IS [name removed] AND I AM ANGRY",
            n,
        ),
        ("I'm called Jean", "I'm called [name removed]", n),
        ("this is Jean McLeod from Leith", "this is [name removed] from Leith", n),
        ("my name is Anna de Souza", "my name is [name removed]", n),
        ("my name is J. Smith", "my name is [name removed]", n),
        ("Mr Smith next door deals", "Mr [name removed] next door deals", n),
        (
            "Mrs. Brown and Dr Patel",
            "Mrs. [name removed] and Dr [name removed]",
            &[Name, Name],
        ),
        ("PC Jones was very helpful", "PC [name removed] was very helpful", n),
    ]);
}

#[test]
fn sentences_that_only_look_like_introductions_are_kept() {
    check(&[
        ("This is a disgrace", "This is a disgrace", &[]),
        ("THIS IS A DISGRACE", "THIS IS A DISGRACE", &[]),
        ("this is Police Scotland's job", "this is Police Scotland's job", &[]),
        ("this is Leith Walk at night", "this is Leith Walk at night", &[]),
        ("this is Edinburgh", "this is Edinburgh", &[]),
        ("my name is not important", "my name is not important", &[]),
        ("I'm called names by the kids", "I'm called names by the kids", &[]),
        ("I Miss The old bobbies", "I Miss The old bobbies", &[]),
    ]);
}

#[test]
fn ordinary_comments_are_left_untouched() {
    let corpus = [
        "the 101 number never answers",
        "A9 is dangerous, especially at night",
        "the M8 is a racetrack after 10pm",
        "We need a 20mph zone outside the school",
        "Boy racers at 10pm every Friday",
        "in 2024 my car was broken into twice",
        "EH12 needs more patrols",
        "Drug dealing in the park off Main Street, 3 or 4 times a week",
        "It took 45 minutes to get through on 101 and 2 hours for anyone to come",
        "Police Scotland should bring back the local station in G2",
        "Speeding on the B7076 and the A702 is out of control",
        "I have lived here for 30 years and never seen it this bad",
        "Kids on quad bikes, 15 or 16 years old, no helmets",
        "We were told to phone 101 and quote the incident number",
        "Mr Whippy van blocks the road at 4pm",
        "Had to wait 3 hours at 2am on 01/01/2024",
        "More bobbies on the beat in ML3 please",
        "My name is irrelevant, just sort the parking out",
        "CCTV at the PA1 end of town would help",
        "The HGV 50mph limit on the A9 works",
    ];
    let changed: Vec<(String, String)> = corpus
        .iter()
        .map(|c| (c.to_string(), redact_personal_data(c).text))
        .filter(|(before, after)| before != after)
        .collect();
    // "Mr Whippy" is the one known casualty: a title before a capitalised word is always a name.
    assert_eq!(
        changed,
        [(
            "Mr Whippy van blocks the road at 4pm".to_string(),
            "Mr [name removed] van blocks the road at 4pm".to_string()
        )]
    );
}

#[test]
fn planted_personal_data_of_every_kind_is_removed_from_one_comment() {
    let comment = "My name is Jean McLeod, I live at EH12 5AB. The dealer drives SN19 ABC and you can reach me on \
                   07700 900123 or jean@example.com. Mr Brown saw it too.";
    let r = redact_personal_data(comment);
    assert_eq!(
        r.text,
        "My name is [name removed], I live at [postcode removed]. The dealer drives [vehicle registration removed] and \
         you can reach me on [phone number removed] or [email removed]. Mr [name removed] saw it too."
    );
    assert_eq!(r.kinds, [Email, PhoneNumber, Postcode, VehicleRegistration, Name, Name]);
    for planted in ["Jean", "McLeod", "5AB", "SN19", "900123", "example.com", "Brown"] {
        assert!(!r.text.contains(planted), "{planted} survived: {}", r.text);
    }
}
