//! What the survey page says above the form when the answers were not saved and are shown again:
//! the truth about why, that nothing was lost, and what to do. Every refusal ends in one of these,
//! never a silent drop, so a person caught by a check meant for scripts simply sends again.

use super::survey_view::Notice;
use super::Version;
use crate::domain::automated::AutomatedReason;

/// What the resident is told when the service could not confirm their answers were stored: the
/// truth (it does not know), that the answers are still on the page, and that sending them again
/// is safe because the same form is only ever counted once.
pub fn not_confirmed(version: Version) -> Notice {
    match version {
        Version::Standard => Notice {
            heading: "Sorry, we could not confirm that your answers were saved".into(),
            paragraphs: vec![
                "There is a problem with the service, so we cannot tell whether your answers reached us.".into(),
                "Your answers are still on this page. Please send them again in a few minutes. It is safe to send \
                 them again: if they were saved already, they will only be counted once."
                    .into(),
            ],
        },
        Version::EasyRead => Notice {
            heading: "Sorry, we do not know if we got your answers".into(),
            paragraphs: vec![
                "Something went wrong on our side.".into(),
                "Your answers are still on this page.".into(),
                "Please wait a few minutes. Then press Send my answers again.".into(),
                "We will only count your answers once.".into(),
            ],
        },
    }
}

/// What the resident is told when the form had no valid token (it was very old, or not from our
/// page): nothing was saved yet, the answers are kept, and they can send them now.
pub fn form_not_recognised(version: Version) -> Notice {
    match version {
        Version::Standard => Notice {
            heading: "Your answers have not been saved yet".into(),
            paragraphs: vec![
                "This form was not one we could accept: it may have been open for a very long time, or it did not \
                 come from this page."
                    .into(),
                "Your answers are still on this page. Please check them and send them again.".into(),
            ],
        },
        Version::EasyRead => Notice {
            heading: "We have not saved your answers yet".into(),
            paragraphs: vec![
                "Your answers are still on this page.".into(),
                "Please check them. Then press Send my answers again.".into(),
            ],
        },
    }
}

/// A form refused as automated (see `crate::domain::automated`).
pub fn refused_as_automated(version: Version, reason: AutomatedReason) -> Notice {
    let why = match (version, reason) {
        (Version::Standard, AutomatedReason::Honeypot) => {
            "Something was written in the box that says to leave it empty. Automated programs fill that box in, \
             so we could not tell that these answers came from a person. The box is empty again now."
        }
        (Version::Standard, AutomatedReason::TooFast) => {
            "The form was sent only a moment after the page opened, faster than people usually answer, so we could \
             not tell that these answers came from a person."
        }
        (Version::EasyRead, AutomatedReason::Honeypot) => "There was writing in the box that should be empty.",
        (Version::EasyRead, AutomatedReason::TooFast) => "The form was sent very fast.",
    };
    match version {
        Version::Standard => Notice {
            heading: "Your answers have not been saved yet".into(),
            paragraphs: vec![
                why.into(),
                "Your answers are still on this page. Please check them and send them again.".into(),
            ],
        },
        Version::EasyRead => Notice {
            heading: "We have not saved your answers yet".into(),
            paragraphs: vec![
                why.into(),
                "Your answers are still on this page.".into(),
                "Please check them. Then press Send my answers again.".into(),
            ],
        },
    }
}

/// A form from a connection that has sent more responses than the rate limit allows just now.
pub fn too_many_responses(version: Version, wait_seconds: u64) -> Notice {
    match version {
        Version::Standard => Notice {
            heading: "Please wait a moment before sending your answers".into(),
            paragraphs: vec![
                "A lot of answers have been sent from your internet connection in a short time (this can happen on \
                 a shared connection, for example in a library or an office), so we are pausing before taking more."
                    .into(),
                format!(
                    "Your answers have not been saved yet, and they are still on this page. Please wait {} and \
                     then send them again.",
                    seconds(wait_seconds)
                ),
            ],
        },
        Version::EasyRead => Notice {
            heading: "Please wait, then send your answers again".into(),
            paragraphs: vec![
                "We have had a lot of answers from your internet connection.".into(),
                "We have not saved your answers yet. They are still on this page.".into(),
                format!(
                    "Please wait {}. Then press Send my answers again.",
                    seconds(wait_seconds)
                ),
            ],
        },
    }
}

fn seconds(n: u64) -> String {
    match n {
        1 => "1 second".into(),
        n if n < 120 => format!("{n} seconds"),
        n => format!("{} minutes", n.div_ceil(60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_said_in_words_people_use() {
        assert_eq!(seconds(1), "1 second");
        assert_eq!(seconds(30), "30 seconds");
        assert_eq!(seconds(150), "3 minutes");
    }
}
