//! The sign-up form of `/digests`, parsed once into a [`SignUp`] whose every field is known to
//! be usable. Errors name the form field they belong to, in the order the form asks.

use crate::domain::digest_schedule::Frequency;
use crate::domain::email_address::EmailAddress;
use crate::domain::postcode_district::{parse_list, PostcodeDistrict};
use crate::domain::{CouncilArea, Geography};
use serde::Deserialize;

/// Longest community council name accepted.
pub const MAX_NAME_LENGTH: usize = 200;
/// Longest postcode-district text accepted.
pub const MAX_DISTRICTS_TEXT: usize = 200;

/// The form as sent.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub council_area: String,
    #[serde(default)]
    pub community_council: String,
    #[serde(default)]
    pub postcode_districts: String,
    #[serde(default)]
    pub frequency: String,
    #[serde(default)]
    pub form_token: String,
}

/// One field's problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// A checked sign-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUp {
    pub email: EmailAddress,
    pub area: CouncilArea,
    pub community_council: Option<String>,
    pub districts: Vec<PostcodeDistrict>,
    pub frequency: Frequency,
}

/// A community council's name: trimmed, no control characters, at most [`MAX_NAME_LENGTH`].
pub fn community_council_name(raw: &str) -> Result<Option<String>, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if name.chars().count() > MAX_NAME_LENGTH {
        return Err(format!(
            "the community council's name can be at most {MAX_NAME_LENGTH} characters long"
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("the community council's name cannot contain line breaks or control characters".into());
    }
    Ok(Some(name.to_string()))
}

impl SignUpForm {
    pub fn parse(&self, geography: &Geography) -> Result<SignUp, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &'static str, message: String| errors.push(FieldError { field, message });
        let email = EmailAddress::parse(&self.email).map_err(|m| fail("email", m)).ok();
        let area = if self.council_area.trim().is_empty() {
            fail("council_area", "choose your council area".into());
            None
        } else {
            let found = geography.find_area(self.council_area.trim()).cloned();
            if found.is_none() {
                fail("council_area", "choose a council area from the list".into());
            }
            found
        };
        let community_council = community_council_name(&self.community_council)
            .map_err(|m| fail("community_council", m))
            .ok()
            .flatten();
        let districts = if self.postcode_districts.chars().count() > MAX_DISTRICTS_TEXT {
            fail(
                "postcode_districts",
                format!("the postcode districts can be at most {MAX_DISTRICTS_TEXT} characters long"),
            );
            None
        } else {
            match &area {
                Some(a) => parse_list(&self.postcode_districts, a.code.as_str(), &a.name)
                    .map_err(|m| fail("postcode_districts", m))
                    .ok(),
                None => Some(Vec::new()),
            }
        };
        let frequency = Frequency::parse(&self.frequency).map_err(|m| fail("frequency", m)).ok();
        match (email, area, districts, frequency) {
            (Some(email), Some(area), Some(districts), Some(frequency)) if errors.is_empty() => Ok(SignUp {
                email,
                area,
                community_council,
                districts,
                frequency,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn form(email: &str, area: &str, districts: &str) -> SignUpForm {
        SignUpForm {
            email: email.into(),
            council_area: area.into(),
            postcode_districts: districts.into(),
            ..SignUpForm::default()
        }
    }

    #[test]
    fn a_good_form_parses_with_monthly_by_default() {
        let geography = crate::testdata::geography();
        let s = form("sec@cc.example.org", "S12000036", "EH4 EH12")
            .parse(geography)
            .unwrap();
        assert_eq!(s.area.name, "City of Edinburgh");
        assert_eq!(s.frequency, Frequency::Monthly);
        assert_eq!(s.districts.len(), 2);
    }

    #[test]
    fn every_bad_field_is_named() {
        let geography = crate::testdata::geography();
        let mut bad = form("not-an-address", "Atlantis", "");
        bad.frequency = "daily".into();
        bad.community_council = "x".repeat(201);
        let fields: Vec<&str> = bad.parse(geography).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["email", "council_area", "community_council", "frequency"]);
        let errors = form("a@example.org", "S12000036", "ZE1").parse(geography).unwrap_err();
        assert_eq!(errors[0].field, "postcode_districts");
        assert!(errors[0].message.contains("ZE1 is not in City of Edinburgh"));
    }
}
