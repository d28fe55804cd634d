//! Property tests for definition files at the edge: arbitrary text, and a real definition cut
//! or corrupted at any byte (so also in the middle of a multi-byte character, read lossily as a
//! file with bad UTF-8 would be), are loaded or rejected with errors naming a line, never a panic
//! (the error's line and column are worked out from byte offsets).

use super::parse_str;
use super::tests::geography;
use crate::domain::Geography;
use proptest::prelude::*;
use std::sync::OnceLock;

/// A one-area geography (the definitions' own tests'), so coverage checks run too.
fn one_area() -> &'static Geography {
    static GEOGRAPHY: OnceLock<Geography> = OnceLock::new();
    GEOGRAPHY.get_or_init(geography)
}

fn real_definition() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("survey-defs/your-police-2026.toml");
        std::fs::read_to_string(path).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_str("fuzz.toml", &text, Some(one_area()));
    }

    #[test]
    fn a_real_definition_cut_anywhere_never_panics(cut in any::<prop::sample::Index>(), with_multibyte in any::<bool>()) {
        let mut text = real_definition().to_string();
        if with_multibyte {
            // Non-ASCII titles, so that cuts also fall inside characters.
            text = text.replace("title = \"", "title = \"Ceàrn – Poileas 😀 ");
        }
        let bytes = text.as_bytes();
        let cut = &bytes[..cut.index(bytes.len() + 1)];
        let _ = parse_str("cut.toml", &String::from_utf8_lossy(cut), Some(one_area()));
    }

    #[test]
    fn a_real_definition_with_a_corrupted_byte_never_panics(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = real_definition().as_bytes().to_vec();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let _ = parse_str("corrupt.toml", &String::from_utf8_lossy(&bytes), Some(one_area()));
    }
}
