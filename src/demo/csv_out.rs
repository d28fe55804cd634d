//! Writing responses in the CSV import format (see [`crate::import`]), so generated data can be
//! imported, round-tripped in tests and used to benchmark the import.

use super::DemoError;
use crate::domain::uk_time::{from_uk_local, to_uk_local, UkLocal};
use crate::domain::{Channel, Geography, SurveyDefinition, SurveyResponse};
use chrono::SecondsFormat;
use std::io::Write;

/// Writes responses one at a time, so a million rows need no more memory than one.
pub struct CsvResponseWriter<'a, W: Write> {
    out: csv::Writer<W>,
    geography: &'a Geography,
    max_ranked: usize,
    asks_postcode: bool,
    rows: u64,
}

impl<'a, W: Write> CsvResponseWriter<'a, W> {
    /// Writes the header row: every column, `concern_1` to `concern_{max_ranked}`.
    pub fn new(out: W, definition: &SurveyDefinition, geography: &'a Geography) -> Result<Self, DemoError> {
        let mut out = csv::WriterBuilder::new().buffer_capacity(1 << 16).from_writer(out);
        let asks_postcode = definition.questions.postcode_district.is_some();
        let mut header: Vec<String> = vec!["council_area".into()];
        if asks_postcode {
            header.push("postcode_district".into());
        }
        header.extend(["feel_safe".into(), "confidence".into()]);
        header.extend((1..=definition.max_ranked).map(|k| format!("concern_{k}")));
        header.extend(["age_band", "sex", "disability", "comment", "submitted_at", "channel"].map(String::from));
        out.write_record(&header)?;
        Ok(Self {
            out,
            geography,
            max_ranked: definition.max_ranked,
            asks_postcode,
            rows: 0,
        })
    }

    /// Writes one response. Paper forms are written as a clerk would key them in: the council
    /// area by name and the time as UK local time; other channels by code, in UTC (RFC 3339).
    pub fn write(&mut self, response: &SurveyResponse) -> Result<(), DemoError> {
        let keyed = matches!(response.channel, Channel::Paper);
        let mut row: Vec<String> = Vec::with_capacity(self.max_ranked + 10);
        let area_name = self.geography.area(&response.council_area).map(|a| a.name.clone());
        row.push(match area_name {
            Some(name) if keyed => name,
            _ => response.council_area.as_str().to_string(),
        });
        if self.asks_postcode {
            row.push(
                response
                    .postcode_district
                    .as_ref()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default(),
            );
        }
        row.push(response.feel_safe.map(|v| v.get().to_string()).unwrap_or_default());
        row.push(response.confidence.map(|v| v.get().to_string()).unwrap_or_default());
        for k in 0..self.max_ranked {
            row.push(
                response
                    .ranking
                    .concerns()
                    .get(k)
                    .map(|c| c.as_str().to_string())
                    .unwrap_or_default(),
            );
        }
        row.push(response.age.map(|a| a.as_str().to_string()).unwrap_or_default());
        row.push(response.sex.map(|s| s.as_str().to_string()).unwrap_or_default());
        row.push(response.disability.map(|d| d.as_str().to_string()).unwrap_or_default());
        row.push(
            response
                .comment
                .as_ref()
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
        );
        row.push(match response.submitted_at {
            None => String::new(),
            Some(t) => {
                let local = to_uk_local(t);
                // Local time only where it reads back as the same instant (not in October's repeated hour).
                if keyed && from_uk_local(local) == UkLocal::Single(t) {
                    local.format("%Y-%m-%d %H:%M:%S").to_string()
                } else {
                    t.to_rfc3339_opts(SecondsFormat::Secs, true)
                }
            }
        });
        row.push(response.channel.as_str().to_string());
        self.out.write_record(&row)?;
        self.rows += 1;
        Ok(())
    }

    /// Flushes the output; returns the number of rows written.
    pub fn finish(mut self) -> Result<u64, DemoError> {
        self.out.flush().map_err(csv::Error::from)?;
        Ok(self.rows)
    }
}

/// Writes generated responses (the output of [`super::generate`]) to `out` in the import format;
/// stops at the first error. Returns the number of rows written.
pub fn write_csv<W: Write>(
    out: W,
    definition: &SurveyDefinition,
    geography: &Geography,
    responses: impl IntoIterator<Item = Result<SurveyResponse, DemoError>>,
) -> Result<u64, DemoError> {
    let mut writer = CsvResponseWriter::new(out, definition, geography)?;
    for response in responses {
        writer.write(&response?)?;
    }
    writer.finish()
}
