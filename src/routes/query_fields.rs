//! Query-string fields shared by the analyst pages: a blank value (`compare_with=` from a form
//! whose select was left on its empty option) means the field was not given.

use serde::{Deserialize, Deserializer};
use std::fmt::Display;
use std::str::FromStr;

/// `#[serde(default, deserialize_with = "blank_as_none")]`: parses the value with `FromStr`, and
/// takes a blank one as absent.
pub fn blank_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    let raw = Option::<String>::deserialize(deserializer)?;
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => value.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Q {
        #[serde(default, deserialize_with = "blank_as_none")]
        n: Option<u8>,
    }

    #[test]
    fn blank_and_missing_values_are_absent_and_others_must_parse() {
        assert_eq!(serde_urlencoded::from_str::<Q>("").unwrap().n, None);
        assert_eq!(serde_urlencoded::from_str::<Q>("n=+").unwrap().n, None);
        assert_eq!(serde_urlencoded::from_str::<Q>("n=7").unwrap().n, Some(7));
        let error = serde_urlencoded::from_str::<Q>("n=seven").unwrap_err().to_string();
        assert!(error.contains("invalid digit"), "{error}");
    }
}
