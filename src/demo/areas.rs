//! What the generator knows about each council area: how urban it is, how keen its residents are to
//! respond, and the places and postcode districts they mention.

/// Settlement type, which drives the concern profile and feelings of safety.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    Urban,
    Mixed,
    Rural,
}

#[derive(Debug, Clone, Copy)]
pub struct AreaProfile {
    pub code: &'static str,
    pub kind: AreaKind,
    /// Responses per adult relative to the national average (the spread is over 3×).
    pub response_rate: f64,
    /// Towns and neighbourhoods residents name in comments.
    pub places: &'static [&'static str],
    /// Postcode districts (outward codes) in the area.
    pub districts: &'static [&'static str],
}

use AreaKind::{Mixed, Rural, Urban};

/// For an area the table does not know (a future boundary change): average in every respect.
pub const UNKNOWN_AREA: AreaProfile = AreaProfile {
    code: "",
    kind: Mixed,
    response_rate: 1.0,
    places: &["the town centre", "the high street", "the main road", "the park"],
    districts: &[],
};

const fn area(
    code: &'static str,
    kind: AreaKind,
    response_rate: f64,
    places: &'static [&'static str],
    districts: &'static [&'static str],
) -> AreaProfile {
    AreaProfile {
        code,
        kind,
        response_rate,
        places,
        districts,
    }
}

/// Scotland's 32 council areas (2019 GSS codes).
#[rustfmt::skip]
pub const AREAS: &[AreaProfile] = &[
    area("S12000033", Urban, 0.9, &["Torry", "Tillydrone", "Northfield", "Mastrick", "Bridge of Don", "Cove", "Union Street", "Seaton"], &["AB10", "AB11", "AB15", "AB16", "AB21", "AB22", "AB24", "AB25"]),
    area("S12000034", Rural, 1.3, &["Peterhead", "Fraserburgh", "Inverurie", "Stonehaven", "Ellon", "Banchory", "Huntly", "Westhill"], &["AB30", "AB39", "AB42", "AB43", "AB51", "AB31", "AB54", "AB32"]),
    area("S12000041", Mixed, 1.1, &["Arbroath", "Forfar", "Montrose", "Brechin", "Carnoustie", "Kirriemuir"], &["DD11", "DD8", "DD10", "DD9", "DD7"]),
    area("S12000035", Rural, 1.4, &["Oban", "Dunoon", "Helensburgh", "Campbeltown", "Rothesay", "Lochgilphead", "Inveraray"], &["PA34", "PA23", "G84", "PA28", "PA20", "PA31", "PA32"]),
    area("S12000036", Urban, 1.45, &["Leith", "Gorgie", "Portobello", "Wester Hailes", "Craigmillar", "Muirhouse", "Morningside", "Sighthill", "Niddrie", "Pilton", "the Southside", "Corstorphine"], &["EH1", "EH3", "EH4", "EH6", "EH7", "EH11", "EH12", "EH14", "EH15", "EH16"]),
    area("S12000005", Mixed, 0.85, &["Alloa", "Tillicoultry", "Alva", "Dollar", "Tullibody", "Menstrie"], &["FK10", "FK12", "FK13", "FK14"]),
    area("S12000006", Rural, 1.5, &["Dumfries", "Stranraer", "Annan", "Castle Douglas", "Lockerbie", "Newton Stewart", "Kirkcudbright", "Dalbeattie"], &["DG1", "DG2", "DG9", "DG12", "DG7", "DG11", "DG8", "DG6"]),
    area("S12000042", Urban, 0.75, &["Lochee", "Whitfield", "the Hilltown", "Broughty Ferry", "Fintry", "Kirkton", "Ardler", "Stobswell"], &["DD1", "DD2", "DD3", "DD4", "DD5"]),
    area("S12000008", Mixed, 0.8, &["Kilmarnock", "Cumnock", "Stewarton", "Galston", "Dalmellington", "Auchinleck"], &["KA1", "KA3", "KA18", "KA4", "KA6"]),
    area("S12000045", Mixed, 1.55, &["Bearsden", "Milngavie", "Kirkintilloch", "Bishopbriggs", "Lenzie", "Lennoxtown"], &["G61", "G62", "G64", "G66"]),
    area("S12000010", Mixed, 1.6, &["Musselburgh", "Haddington", "North Berwick", "Dunbar", "Tranent", "Prestonpans"], &["EH21", "EH41", "EH39", "EH42", "EH33", "EH32"]),
    area("S12000011", Mixed, 1.4, &["Newton Mearns", "Barrhead", "Giffnock", "Clarkston", "Busby", "Neilston"], &["G77", "G78", "G46", "G76"]),
    area("S12000014", Mixed, 0.9, &["Grangemouth", "Bo'ness", "Larbert", "Camelon", "Denny", "Stenhousemuir", "Bonnybridge"], &["FK1", "FK2", "FK3", "FK5", "FK6", "FK4"]),
    area("S12000047", Mixed, 1.0, &["Kirkcaldy", "Dunfermline", "Glenrothes", "Methil", "Leven", "St Andrews", "Cowdenbeath", "Lochgelly", "Rosyth"], &["KY1", "KY2", "KY11", "KY12", "KY7", "KY8", "KY16", "KY4", "KY5"]),
    area("S12000049", Urban, 0.6, &["Govan", "Easterhouse", "Partick", "Shawlands", "Drumchapel", "Castlemilk", "Possilpark", "Springburn", "Dennistoun", "Pollok", "Parkhead", "the Gorbals", "Maryhill"], &["G1", "G3", "G11", "G15", "G20", "G21", "G31", "G32", "G34", "G40", "G41", "G42", "G45", "G51", "G53"]),
    area("S12000017", Rural, 1.5, &["Inverness", "Fort William", "Dingwall", "Wick", "Thurso", "Aviemore", "Nairn", "Portree", "Alness", "Invergordon", "Ullapool"], &["IV1", "IV2", "PH33", "IV15", "KW1", "KW14", "PH22", "IV12", "IV51", "IV17", "IV26"]),
    area("S12000018", Urban, 0.6, &["Greenock", "Port Glasgow", "Gourock", "Kilmacolm", "Wemyss Bay"], &["PA15", "PA16", "PA14", "PA19", "PA13"]),
    area("S12000019", Mixed, 1.2, &["Dalkeith", "Penicuik", "Bonnyrigg", "Loanhead", "Gorebridge", "Mayfield"], &["EH22", "EH26", "EH19", "EH20", "EH23"]),
    area("S12000020", Rural, 1.1, &["Elgin", "Forres", "Buckie", "Keith", "Lossiemouth", "Aberlour"], &["IV30", "IV36", "AB56", "AB55", "IV31", "AB38"]),
    area("S12000013", Rural, 0.8, &["Stornoway", "Tarbert", "Balivanich", "Lochmaddy", "Castlebay"], &["HS1", "HS2", "HS3", "HS7", "HS6", "HS9"]),
    area("S12000021", Mixed, 0.85, &["Irvine", "Kilwinning", "Saltcoats", "Ardrossan", "Largs", "Stevenston", "Brodick"], &["KA12", "KA13", "KA21", "KA22", "KA30", "KA20", "KA27"]),
    area("S12000050", Urban, 0.65, &["Motherwell", "Wishaw", "Airdrie", "Coatbridge", "Cumbernauld", "Bellshill", "Shotts", "Kilsyth"], &["ML1", "ML2", "ML6", "ML5", "G67", "ML4", "ML7", "G65"]),
    area("S12000023", Rural, 1.1, &["Kirkwall", "Stromness", "St Margaret's Hope", "Dounby"], &["KW15", "KW16", "KW17"]),
    area("S12000048", Rural, 1.35, &["Perth", "Crieff", "Blairgowrie", "Pitlochry", "Auchterarder", "Kinross", "Aberfeldy"], &["PH1", "PH2", "PH7", "PH10", "PH16", "PH3", "KY13", "PH15"]),
    area("S12000038", Urban, 0.8, &["Paisley", "Renfrew", "Johnstone", "Erskine", "Linwood", "Ferguslie Park", "Bishopton"], &["PA1", "PA2", "PA3", "PA4", "PA5", "PA8", "PA7"]),
    area("S12000026", Rural, 1.9, &["Galashiels", "Hawick", "Peebles", "Kelso", "Jedburgh", "Selkirk", "Eyemouth", "Duns", "Melrose"], &["TD1", "TD9", "EH45", "TD5", "TD8", "TD7", "TD14", "TD11", "TD6"]),
    area("S12000027", Rural, 0.9, &["Lerwick", "Scalloway", "Brae", "Yell", "Sandwick"], &["ZE1", "ZE2", "ZE3"]),
    area("S12000028", Mixed, 1.15, &["Ayr", "Prestwick", "Troon", "Girvan", "Maybole"], &["KA7", "KA8", "KA9", "KA10", "KA26", "KA19"]),
    area("S12000029", Mixed, 0.95, &["Hamilton", "East Kilbride", "Rutherglen", "Cambuslang", "Lanark", "Carluke", "Larkhall", "Blantyre", "Strathaven"], &["ML3", "G74", "G73", "G72", "ML11", "ML8", "ML9", "G75", "ML10"]),
    area("S12000030", Mixed, 1.3, &["Stirling", "Bridge of Allan", "Callander", "Dunblane", "Killearn", "Raploch", "Cowie"], &["FK7", "FK8", "FK9", "FK17", "FK15", "G63"]),
    area("S12000039", Urban, 0.65, &["Clydebank", "Dumbarton", "Alexandria", "Balloch", "Bonhill", "Old Kilpatrick"], &["G81", "G82", "G83", "G60"]),
    area("S12000040", Mixed, 1.0, &["Livingston", "Bathgate", "Broxburn", "Whitburn", "Armadale", "Linlithgow", "Blackburn"], &["EH54", "EH48", "EH52", "EH47", "EH49"]),
];

/// The profile of a council area by GSS code (average for an unknown code).
pub fn profile(code: &str) -> &'static AreaProfile {
    AREAS.iter().find(|a| a.code == code).unwrap_or(&UNKNOWN_AREA)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PostcodeDistrict;

    #[test]
    fn every_area_is_listed_once_with_valid_postcode_districts() {
        assert_eq!(AREAS.len(), 32);
        for a in AREAS {
            assert_eq!(AREAS.iter().filter(|b| b.code == a.code).count(), 1, "{}", a.code);
            for d in a.districts {
                assert!(PostcodeDistrict::parse(d).unwrap().is_some(), "{d}");
            }
        }
        let rates: Vec<f64> = AREAS.iter().map(|a| a.response_rate).collect();
        let (lo, hi) = rates
            .iter()
            .fold((f64::MAX, 0.0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)));
        assert!(hi / lo >= 3.0, "response rates should differ over 3×, got {lo}..{hi}");
    }
}
