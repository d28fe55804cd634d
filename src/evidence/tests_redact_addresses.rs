//! Redaction of street addresses, flats, links, social media handles and spelt-out email
//! addresses; and the numbers, fractions, dates and platform names that ordinary comments keep.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::redact::RedactionKind::{Address, Email, Link, Name, SocialMediaHandle};
use super::tests_redact::check;

#[test]
fn street_addresses_with_a_house_number_are_removed() {
    let a = &[Address][..];
    check(&[
        ("dealing at 12 Easter Road", "dealing at [address removed]", a),
        ("12 EASTER ROAD", "[address removed]", a),
        ("from 14a high st every night", "from [address removed] every night", a),
        ("at 2-4 Mill Wynd.", "at [address removed].", a),
        ("the flat at 7, Kirk Brae is", "the flat at [address removed] is", a),
        ("outside 1 The Loan", "outside [address removed]", a),
        ("No. 9 Victoria Park", "[address removed]", a),
        ("4 St John's Road", "[address removed]", a),
        ("parties at 33 Larch Grove Court", "parties at [address removed]", a),
        ("12 easter rd", "[address removed]", a),
        ("lives at 12 Loan Brae", "lives at [address removed]", a),
        ("at 44 Dean Park Road, EH22", "at [address removed], EH22", a),
    ]);
}

#[test]
fn numbers_before_roads_in_ordinary_sentences_are_kept() {
    check(&[
        (
            "boy racers doing 30 mph on the road",
            "boy racers doing 30 mph on the road",
            &[],
        ),
        (
            "it is a 5 minutes drive to the station",
            "it is a 5 minutes drive to the station",
            &[],
        ),
        ("the 2 kids in the park", "the 2 kids in the park", &[]),
        (
            "I waited 2 hours on Main Street",
            "I waited 2 hours on Main Street",
            &[],
        ),
        ("20mph on Station Road please", "20mph on Station Road please", &[]),
        ("in 2019 Main Street was quiet", "in 2019 Main Street was quiet", &[]),
        ("at 10:30 Leith Walk was mobbed", "at 10:30 Leith Walk was mobbed", &[]),
        (
            "a 2 lane road with 3 cars parked",
            "a 2 lane road with 3 cars parked",
            &[],
        ),
        ("the A9 road and the M8", "the A9 road and the M8", &[]),
        ("£5 park and ride", "£5 park and ride", &[]),
    ]);
}

#[test]
fn flats_are_removed() {
    let a = &[Address][..];
    check(&[
        (
            "noise from Flat 3 all night",
            "noise from [address removed] all night",
            a,
        ),
        ("flat 2/1 deals", "[address removed] deals", a),
        ("Flat 3F2 again", "[address removed] again", a),
        (
            "the people in 3F2 and PF1",
            "the people in [address removed] and [address removed]",
            &[Address, Address],
        ),
        ("apartment 14 has parties", "[address removed] has parties", a),
        ("the guy in 2/1 sells", "the guy in [address removed] sells", a),
        (
            "the house at number 14 deals",
            "the house at [address removed] deals",
            a,
        ),
        (
            "dealing from no. 7 on our street",
            "dealing from [address removed] on our street",
            a,
        ),
    ]);
}

#[test]
fn dates_fractions_and_round_the_clock_are_not_flats() {
    check(&[
        ("in 1/2 an hour nobody came", "in 1/2 an hour nobody came", &[]),
        ("on 2/1 at ten", "on 2/1 at ten", &[]),
        ("from 2/1/24 to now", "from 2/1/24 to now", &[]),
        ("police 24/7 would be nice", "police 24/7 would be nice", &[]),
        ("at 3/4 of the speed limit", "at 3/4 of the speed limit", &[]),
        (
            "the number 1 problem is speeding",
            "the number 1 problem is speeding",
            &[],
        ),
        ("a flat tyre on the bike", "a flat tyre on the bike", &[]),
    ]);
}

#[test]
fn links_handles_and_accounts_are_removed() {
    let s = &[SocialMediaHandle][..];
    check(&[
        (
            "see https://www.facebook.com/jane.doe.1234.",
            "see [link removed].",
            &[Link],
        ),
        ("videos on www.example.com/clips", "videos on [link removed]", &[Link]),
        ("at facebook.com/jd.racer", "at [link removed]", &[Link]),
        (
            "follow @lothian_watcher for videos",
            "follow [social media handle removed] for videos",
            s,
        ),
        (
            "his snapchat is deadlydaz",
            "his snapchat is [social media handle removed]",
            s,
        ),
        ("insta: jane.doe.88", "insta: [social media handle removed]", s),
        (
            "tiktok jd_racer99 posts it",
            "tiktok [social media handle removed] posts it",
            s,
        ),
    ]);
}

#[test]
fn platforms_mentioned_in_passing_are_kept() {
    check(&[
        (
            "facebook is useless for reporting",
            "facebook is useless for reporting",
            &[],
        ),
        ("posted on facebook groups", "posted on facebook groups", &[]),
        ("my facebook account was hacked", "my facebook account was hacked", &[]),
        ("reply to me@example.com", "reply to [email removed]", &[Email]),
    ]);
}

#[test]
fn email_addresses_spelt_out_are_removed() {
    let e = &[Email][..];
    check(&[
        ("email jane dot doe at gmail dot com", "email [email removed]", e),
        ("jane.doe (at) example.com", "[email removed]", e),
        ("j_doe [at] example [dot] co [dot] uk", "[email removed]", e),
        ("seen at leith.The police came", "seen at leith.The police came", &[]),
        ("waiting at 10.30 every day", "waiting at 10.30 every day", &[]),
    ]);
}

#[test]
fn an_address_and_a_name_in_one_comment_are_both_removed() {
    check(&[(
        "Drug dealing by Jane Doe at 12 Easter Road",
        "Drug dealing by [name removed] at [address removed]",
        &[Address, Name],
    )]);
}
