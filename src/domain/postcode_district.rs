//! Postcode districts (the outward code, "EH12") that a community council covers, and a coarse
//! check that a district can lie in the council area chosen.
//!
//! The check works on the postcode *area* (the letters, "EH"): each Scottish postcode area is
//! listed with the council areas it reaches into, compiled by hand from Royal Mail's postcode-area
//! map and NRS council boundaries, generous at the edges (a district on a boundary is accepted for
//! both areas). It catches a district in the wrong part of Scotland (ZE1 for Glasgow), not one on
//! the wrong side of a boundary; a full district-to-area lookup would need the NRS postcode index.

/// Council areas (by GSS code) each Scottish postcode area reaches into.
const POSTCODE_AREAS: &[(&str, &[&str])] = &[
    ("AB", &["S12000033", "S12000034", "S12000020"]),
    ("DD", &["S12000042", "S12000041", "S12000048", "S12000047"]),
    ("DG", &["S12000006", "S12000028", "S12000008"]),
    (
        "EH",
        &[
            "S12000036",
            "S12000010",
            "S12000019",
            "S12000040",
            "S12000026",
            "S12000014",
            "S12000047",
        ],
    ),
    (
        "FK",
        &[
            "S12000014",
            "S12000030",
            "S12000005",
            "S12000048",
            "S12000050",
            "S12000040",
            "S12000047",
            "S12000035",
        ],
    ),
    (
        "G",
        &[
            "S12000049",
            "S12000045",
            "S12000039",
            "S12000011",
            "S12000038",
            "S12000050",
            "S12000029",
            "S12000035",
            "S12000030",
        ],
    ),
    ("HS", &["S12000013", "S12000017"]),
    ("IV", &["S12000017", "S12000020"]),
    (
        "KA",
        &[
            "S12000021",
            "S12000028",
            "S12000008",
            "S12000011",
            "S12000029",
            "S12000038",
        ],
    ),
    ("KW", &["S12000017", "S12000023"]),
    ("KY", &["S12000047", "S12000048", "S12000005"]),
    ("ML", &["S12000050", "S12000029"]),
    (
        "PA",
        &[
            "S12000038",
            "S12000018",
            "S12000035",
            "S12000021",
            "S12000017",
            "S12000039",
            "S12000011",
        ],
    ),
    (
        "PH",
        &[
            "S12000048",
            "S12000017",
            "S12000035",
            "S12000030",
            "S12000041",
            "S12000034",
            "S12000020",
        ],
    ),
    ("TD", &["S12000026", "S12000010", "S12000019"]),
    ("ZE", &["S12000027"]),
];

/// Longest list of districts one subscription may give.
pub const MAX_DISTRICTS: usize = 20;

/// An outward code in a Scottish postcode area, upper case without spaces ("EH12", "G2", "KW15").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PostcodeDistrict(String);

impl PostcodeDistrict {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text: String = raw.trim().to_uppercase();
        let letters: String = text.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let rest = &text[letters.len()..];
        let well_formed = (1..=2).contains(&letters.len())
            && (1..=2).contains(&rest.len())
            && rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.chars().all(|c| c.is_ascii_alphanumeric());
        if !well_formed {
            return Err(format!(
                "'{}' is not a postcode district: give the first part of a postcode, like EH12 or G2",
                raw.trim()
            ));
        }
        if !POSTCODE_AREAS.iter().any(|(area, _)| *area == letters) {
            return Err(format!("'{text}' is not a Scottish postcode district"));
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The postcode area (the leading letters).
    pub fn postcode_area(&self) -> &str {
        let letters = self.0.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        &self.0[..letters]
    }

    /// Whether this district's postcode area reaches into the council area `council_area_code`.
    pub fn can_be_in(&self, council_area_code: &str) -> bool {
        POSTCODE_AREAS
            .iter()
            .find(|(area, _)| *area == self.postcode_area())
            .is_some_and(|(_, councils)| councils.contains(&council_area_code))
    }
}

/// Districts given as one text ("EH4, EH12 EH13"): separated by commas, semicolons or spaces,
/// each checked against the council area; repeats are dropped. Errors list every bad district.
pub fn parse_list(
    raw: &str,
    council_area_code: &str,
    council_area_name: &str,
) -> Result<Vec<PostcodeDistrict>, String> {
    let mut districts = Vec::new();
    let mut problems = Vec::new();
    for part in raw.split([',', ';', ' ', '\n', '\t']).filter(|p| !p.trim().is_empty()) {
        match PostcodeDistrict::parse(part) {
            Ok(d) if !d.can_be_in(council_area_code) => {
                problems.push(format!("{} is not in {council_area_name}", d.as_str()))
            }
            Ok(d) => districts.push(d),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    districts.sort();
    districts.dedup();
    if districts.len() > MAX_DISTRICTS {
        return Err(format!("give at most {MAX_DISTRICTS} postcode districts"));
    }
    Ok(districts)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const EDINBURGH: &str = "S12000036";

    #[test]
    fn districts_are_normalised() {
        assert_eq!(PostcodeDistrict::parse(" eh12 ").unwrap().as_str(), "EH12");
        assert_eq!(PostcodeDistrict::parse("G2").unwrap().postcode_area(), "G");
        assert_eq!(PostcodeDistrict::parse("G1A").unwrap().as_str(), "G1A");
    }

    #[test]
    fn full_postcodes_english_districts_and_junk_are_refused() {
        for bad in ["EH12 5AB", "EH", "12", "SW1A", "E1", "EH123", "EH-1", "éh12"] {
            assert!(PostcodeDistrict::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn a_district_in_another_part_of_scotland_is_refused_for_the_area() {
        let list = parse_list("EH4, eh12 EH4", EDINBURGH, "City of Edinburgh").unwrap();
        assert_eq!(list.iter().map(|d| d.as_str()).collect::<Vec<_>>(), ["EH12", "EH4"]);
        let error = parse_list("EH4 ZE1 KW15", EDINBURGH, "City of Edinburgh").unwrap_err();
        assert!(error.contains("ZE1 is not in City of Edinburgh"), "{error}");
        assert!(error.contains("KW15 is not in City of Edinburgh"), "{error}");
        assert!(parse_list("", EDINBURGH, "City of Edinburgh").unwrap().is_empty());
    }

    #[test]
    fn every_listed_council_area_code_is_a_scottish_council_area() {
        let seeds = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/council-areas.csv")).unwrap();
        for (_, councils) in POSTCODE_AREAS {
            for code in *councils {
                assert!(
                    seeds.contains(&format!("\n{code},")),
                    "{code} is not in seeds/council-areas.csv"
                );
            }
        }
        // Every council area is reachable from some postcode area.
        for line in seeds.lines().skip(1) {
            let code = line.split(',').next().unwrap();
            assert!(
                POSTCODE_AREAS.iter().any(|(_, c)| c.contains(&code)),
                "{code} has no postcode area"
            );
        }
    }
}
