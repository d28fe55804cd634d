//! The emails as text and HTML (askama templates in templates/email/): inline styles only, no
//! remote images, tables for figures, so that they read the same in Outlook and on a phone.

use super::content::DigestContent;
use askama::Template;

#[derive(Template)]
#[template(path = "email/digest.html")]
struct DigestHtml<'a> {
    c: &'a DigestContent,
}

#[derive(Template)]
#[template(path = "email/digest.txt", escape = "none")]
struct DigestText<'a> {
    c: &'a DigestContent,
}

#[derive(Template)]
#[template(path = "email/confirm.html")]
struct ConfirmHtml<'a> {
    area_name: &'a str,
    community_council: Option<&'a str>,
    frequency: &'a str,
    confirm_url: &'a str,
}

#[derive(Template)]
#[template(path = "email/confirm.txt", escape = "none")]
struct ConfirmText<'a> {
    area_name: &'a str,
    community_council: Option<&'a str>,
    frequency: &'a str,
    confirm_url: &'a str,
}

/// A rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub fn digest(content: &DigestContent) -> Result<RenderedEmail, askama::Error> {
    let subject = if content.is_final {
        format!("Final results: {} – {}", content.area_name, content.consultation_title)
    } else {
        format!(
            "What {} residents are telling us – {}",
            content.area_name, content.consultation_title
        )
    };
    Ok(RenderedEmail {
        subject,
        text: DigestText { c: content }.render()?,
        html: DigestHtml { c: content }.render()?,
    })
}

pub fn confirmation(
    area_name: &str,
    community_council: Option<&str>,
    frequency: &str,
    confirm_url: &str,
) -> Result<RenderedEmail, askama::Error> {
    Ok(RenderedEmail {
        subject: format!("Confirm your LocalVoice digest for {area_name}"),
        text: ConfirmText {
            area_name,
            community_council,
            frequency,
            confirm_url,
        }
        .render()?,
        html: ConfirmHtml {
            area_name,
            community_council,
            frequency,
            confirm_url,
        }
        .render()?,
    })
}
