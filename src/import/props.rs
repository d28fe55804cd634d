//! Property tests for CSV rows at the edge: after a valid header, any bytes — invalid UTF-8,
//! characters cut at the end of a field, stray quotes, ragged rows — are accepted or rejected
//! with row errors, never a panic.

use super::*;
use crate::testdata::{definition, geography};
use proptest::prelude::*;

const HEADER: &str = "council_area,feel_safe,confidence,concern_1,concern_2,concern_3,age_band,sex,disability,comment,submitted_at,channel\n";

fn cell() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::sample::select(vec![
            "S12000036",
            "Fife",
            "4",
            "0",
            "6",
            "drug_dealing",
            "speeding",
            "65-74",
            "F",
            "no",
            "paper",
            "2026-05-01 18:30",
            "2026-02-30",
            "\"",
            "=1+1",
            "",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        ".{0,20}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..12),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_bytes_after_the_header_never_panic(body in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut file = HEADER.as_bytes().to_vec();
        file.extend(body);
        let _ = check_reader(file.as_slice(), Path::new("fuzz.csv"), &definition(), geography());
    }

    #[test]
    fn rows_of_arbitrary_cells_never_panic(rows in prop::collection::vec(prop::collection::vec(cell(), 0..14), 1..6)) {
        let mut file = HEADER.as_bytes().to_vec();
        for row in rows {
            file.extend(row.join(&b","[..]));
            file.push(b'\n');
        }
        let _ = check_reader(file.as_slice(), Path::new("fuzz.csv"), &definition(), geography());
    }

    #[test]
    fn an_arbitrary_header_never_panics(header in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = check_reader(header.as_slice(), Path::new("fuzz.csv"), &definition(), geography());
    }
}
