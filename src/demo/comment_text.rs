//! The words residents' comments are assembled from. `{place}` is a town or neighbourhood in the
//! respondent's area, `{when}` a time of day or week.

/// A comment theme, the concern ids that make a resident likely to write about it, and its sentences.
pub struct ThemeText {
    pub concerns: &'static [&'static str],
    pub sentences: &'static [&'static str],
}

pub const THEMES: &[ThemeText] = &[
    // Police visibility.
    ThemeText {
        concerns: &[],
        sentences: &[
            "never see a bobby in {place} anymore",
            "you never see police on the beat in {place}, only driving past in a van",
            "would like to see more officers walking about {place} {when}",
            "the police station in {place} is shut most of the time",
            "havent seen a police officer on foot round here in years",
            "we used to have a community officer who knew everyone, now nobody knows who to speak to",
            "a visible police presence {when} would make a big difference",
            "more police on foot please, especially round the shops in {place}",
            "the only time you see the police is when something bad has already happened",
            "bring back the local bobby who knew the area",
        ],
    },
    // Response times and 101.
    ThemeText {
        concerns: &[],
        sentences: &[
            "phoned 101 and waited over 40 minutes before giving up",
            "took the police 3 hours to turn up when my neighbour was attacked",
            "when you report something nothing happens, so people have stopped bothering",
            "101 is useless, you get passed about and nobody calls back",
            "reported a break in at the garages in {place} and never heard another thing",
            "the online reporting form is fine but you never get told what happened",
            "response times in {place} are shocking, we are too far from the nearest station",
            "called 999 {when} and it was ages before anyone came",
            "it would help if someone actually phoned you back after you report something",
        ],
    },
    // Police numbers.
    ThemeText {
        concerns: &[],
        sentences: &[
            "there are not enough officers to cover an area the size of ours",
            "the officers we have do their best but there are too few of them",
            "cuts have gone too far, one car covering half the county {when} is not safe",
            "stop taking officers away from {place} to cover the city",
            "police are stretched far too thin since the stations were merged",
        ],
    },
    // Drugs.
    ThemeText {
        concerns: &["drug_dealing", "organised_crime", "child_exploitation"],
        sentences: &[
            "drug dealing is going on openly in {place} and everyone knows who it is",
            "cars pull up outside the flats {when} and its obviously dealing",
            "you can smell cannabis everywhere in {place} {when}",
            "needles left in the park in {place} where the weans play",
            "the same people have been dealing in {place} for years and nothing gets done",
            "young kids being used to run drugs, its heartbreaking",
            "county lines has reached {place}, we never had this before",
            "there's a flat on our stair with people coming and going all night",
        ],
    },
    // Speeding and boy racers.
    ThemeText {
        concerns: &["speeding", "drink_drug_driving", "nuisance_vehicles"],
        sentences: &[
            "boy racers on the main road through {place} {when}, someone will get killed",
            "cars speed through the village way over the limit, there's a school right there",
            "need speed cameras on the road into {place}",
            "motorbikes tearing up and down {when}, the noise is unbearable",
            "the a road is a racetrack at the weekends",
            "drivers use our street as a rat run and go far too fast",
            "would like to see more speed checks outside the school in {place}",
            "people on their phones while driving all the time",
            "suspect a lot of folk are driving after a drink in the rural bits, nobody checks",
        ],
    },
    // Youths and antisocial behaviour.
    ThemeText {
        concerns: &["antisocial_behaviour", "youth_disorder", "vandalism"],
        sentences: &[
            "groups of youths hanging about the shops in {place} {when} shouting at people",
            "teenagers drinking in the park {when} and leaving broken bottles",
            "fireworks being set off at people and houses in {place}",
            "the bus shelter has been smashed again",
            "kids on bikes with their faces covered riding at people on the pavement",
            "neighbours from hell, music till 4am, police come and nothing changes",
            "there is nothing for young people to do in {place} so they hang about causing bother",
            "a gang of neds have been terrorising the street {when}",
            "the anti social behaviour on our estate has got worse since the youth club closed",
            "windows put in at the community centre in {place} three times this year",
        ],
    },
    // Parking.
    ThemeText {
        concerns: &["nuisance_vehicles"],
        sentences: &[
            "parents parking on the zig zags outside the school in {place}",
            "pavement parking means my mum cannot get past with her walker",
            "vans parked on the pavement all down the street",
            "parking is a nightmare in {place}, people block driveways",
        ],
    },
    // Scams.
    ThemeText {
        concerns: &["doorstep_crime", "online_fraud", "vulnerable_people"],
        sentences: &[
            "my dad got a call from someone saying they were from his bank and lost 3000 pounds",
            "cold callers going round {place} offering to do roofs and driveways",
            "older people in {place} are being targeted by scammers",
            "scam texts about parcels and the bank every other day",
            "my neighbour was conned by rogue traders, the police were very good with her",
            "online fraud is the crime that actually affects most people now",
            "men going door to door {when} claiming to be from the water board",
            "my mum lost her savings to a scam and nobody was ever caught",
        ],
    },
    // Theft and housebreaking.
    ThemeText {
        concerns: &["housebreaking", "vehicle_crime", "shoplifting"],
        sentences: &[
            "there's been a spate of break ins in {place}",
            "sheds and garages broken into up and down our street",
            "my car was broken into outside my house and the police just gave me a crime number",
            "bikes getting stolen out of back gardens in {place}",
            "catalytic converters being stolen {when}",
            "shoplifting at the co-op in {place} is constant, staff are scared",
            "someone tried my door handle {when}, very unsettling",
        ],
    },
    // Violence and feeling unsafe at night.
    ThemeText {
        concerns: &["violence", "hate_crime", "sexual_crime", "domestic_abuse"],
        sentences: &[
            "dont feel safe walking through {place} {when}",
            "there have been a few stabbings near {place} this year",
            "fights outside the pubs in {place} every weekend",
            "as a woman i wont walk home alone {when}",
            "my son was assaulted walking home and nobody has been charged",
            "racist abuse shouted at my family in {place}",
            "people carrying knives is a real worry for parents",
            "more needs to be done about domestic abuse, it is hidden but it is everywhere",
        ],
    },
    // Rural and wildlife crime.
    ThemeText {
        concerns: &["rural_crime"],
        sentences: &[
            "quad bikes and tools stolen from farms round {place}",
            "hare coursing on the fields {when}",
            "fly tipping in the lay-bys and farm tracks outside {place}",
            "sheep worrying by dogs off the lead is a big problem for us",
            "farm machinery theft is rife and the police are miles away",
            "birds of prey being poisoned on the estates, nobody is ever prosecuted",
            "fuel stolen from the farm twice this year",
        ],
    },
    // Dog fouling, litter, lighting.
    ThemeText {
        concerns: &["vandalism"],
        sentences: &[
            "dog fouling all over the pavements in {place}",
            "litter and fly tipping everywhere, the lane behind the shops is a disgrace",
            "the street lights in {place} are out half the time so it feels unsafe {when}",
            "the path through the woods needs better lighting",
            "graffiti all over the underpass in {place}",
        ],
    },
    // Praise.
    ThemeText {
        concerns: &[],
        sentences: &[
            "the local officers in {place} are great and very approachable",
            "police were brilliant when my dad went missing, cant thank them enough",
            "i feel safe in {place} and the police do a good job",
            "the community officer comes to our gala every year and the kids love it",
            "thanks to the officers who helped at the crash on the bypass",
        ],
    },
];

pub const WHEN: &[&str] = &[
    "at night",
    "after dark",
    "on a friday night",
    "at the weekends",
    "in the school holidays",
    "every evening",
    "since the summer",
    "late on",
    "in the early hours",
    "most nights",
    "on a saturday",
    "when the pubs come out",
];

pub const OPENERS: &[&str] = &[
    "",
    "",
    "",
    "to be honest ",
    "honestly ",
    "as a resident of {place} for 30 years, ",
    "i have lived here all my life and ",
    "speaking as a parent, ",
    "as a pensioner ",
    "my main concern is that ",
    "I just want to say ",
    "not sure if this is the right place but ",
    "where do i start. ",
    "aye well ",
    "same as last year, ",
    "as a shop owner in {place}, ",
    "my husband and i both feel ",
    "I work nights and ",
];

pub const CLOSERS: &[&str] = &[
    "",
    "",
    "",
    "",
    "something needs to be done.",
    "please do something before someone gets hurt.",
    "thanks for asking.",
    "thank you.",
    "its getting worse every year.",
    "nobody listens.",
    "we pay our council tax and get nothing back.",
    "will this survey actually change anything?",
    "its no on.",
    "rant over.",
    "keep up the good work.",
    "hope this helps.",
];

pub const FIRST_NAMES: &[&str] = &[
    "Fiona", "Stuart", "Morag", "Callum", "Ailsa", "Graham", "Kirsty", "Euan", "Isla", "Douglas", "Shona", "Hamish",
];
pub const SURNAMES: &[&str] = &[
    "MacLeod",
    "Campbell",
    "Stewart",
    "Robertson",
    "Thomson",
    "Paterson",
    "Fraser",
    "Murray",
    "McKenzie",
    "Reid",
];
