//! Building the digests that are due: for every confirmed subscription and every consultation
//! covering its area, the period due now ([`crate::domain::digest_schedule`]), at most one digest
//! per (subscription, consultation, period) (a unique constraint, so two instances building at
//! once still queue one). The results engine runs once per consultation and area, not per
//! subscriber, on the published figures (what the public results API shows).

use super::content::{compose, DigestInputs, ResponseCounts};
use super::mailer::new_message_id;
use super::render;
use super::service::{DigestError, DigestService};
use crate::db::digests::{self, ConfirmedSubscription};
use crate::db::outbox::{self, NewEmail};
use crate::domain::digest_schedule::{due_period, DigestPeriod, Due, Frequency};
use crate::domain::{CouncilArea, CouncilAreaCode, SurveyDefinition};
use crate::results::report::ResultsReport;
use crate::results::request::{CompareWith, DataView, ResultsRequest, DEFAULT_TRIM, DEFAULT_WEB_REPLICATES};
use crate::results::selection::Selection;
use crate::stats::bootstrap::BootstrapOptions;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct BuildReport {
    /// Digests queued (or, in a dry run, that would be).
    pub built: usize,
    /// Digests that were due but had been queued already (by another instance).
    pub already_queued: usize,
    /// Results reports worked out (one per consultation and council area).
    pub areas_computed: usize,
    /// Time spent in the results engine.
    pub engine_seconds: f64,
    /// Pending sign-ups deleted because their link expired.
    pub expired_sign_ups_deleted: usize,
    /// Subjects of what was built (first ten), for `--dry-run`.
    pub examples: Vec<String>,
}

/// One digest to build.
struct Job<'a> {
    subscription: &'a ConfirmedSubscription,
    definition: &'a SurveyDefinition,
    area: &'a CouncilArea,
    period: DigestPeriod,
}

impl DigestService {
    /// Builds and queues every digest due at `now` (`now_anyway`: the current period's even before
    /// it is due). With `dry_run` nothing is written.
    pub async fn build_due(
        &self,
        now: DateTime<Utc>,
        now_anyway: bool,
        dry_run: bool,
    ) -> Result<BuildReport, DigestError> {
        let mut report = BuildReport::default();
        if !dry_run {
            report.expired_sign_ups_deleted =
                crate::db::run(&self.pool, move |c| digests::purge_unconfirmed(c, now)).await?;
        }
        let subscriptions = crate::db::run(&self.pool, digests::confirmed_subscriptions).await?;
        let jobs = self.due_jobs(&subscriptions, now, now_anyway);
        let periods: Vec<String> = jobs
            .iter()
            .map(|j| j.period.key.clone())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let queued: HashSet<outbox::DigestKey> = crate::db::run(&self.pool, move |c| outbox::digest_keys(c, &periods))
            .await?
            .into_iter()
            .collect();
        let mut by_consultation: BTreeMap<&str, Vec<Job<'_>>> = BTreeMap::new();
        for job in jobs {
            let key = (
                job.subscription.id,
                job.definition.id.as_str().to_string(),
                job.period.key.clone(),
            );
            if queued.contains(&key) {
                report.already_queued += 1;
                continue;
            }
            by_consultation.entry(job.definition.id.as_str()).or_default().push(job);
        }
        for (consultation, jobs) in by_consultation {
            self.build_consultation(consultation, jobs, now, dry_run, &mut report)
                .await?;
        }
        Ok(report)
    }

    fn due_jobs<'a>(
        &'a self,
        subscriptions: &'a [ConfirmedSubscription],
        now: DateTime<Utc>,
        now_anyway: bool,
    ) -> Vec<Job<'a>> {
        let mut jobs = Vec::new();
        for subscription in subscriptions {
            let Some(area) = CouncilAreaCode::parse(&subscription.council_area_code)
                .ok()
                .and_then(|code| self.geography.area(&code))
            else {
                continue;
            };
            let frequency = Frequency::parse(&subscription.frequency).unwrap_or_default();
            let confirmed_at = subscription.confirmed_at.unwrap_or(now);
            for definition in self.consultations.all() {
                if !definition.coverage.covers(area) {
                    continue;
                }
                let due = Due {
                    status: definition.status_at(now),
                    closes: definition.closes,
                    frequency,
                    confirmed_at,
                };
                if let Some(period) = due_period(due, now, now_anyway) {
                    jobs.push(Job {
                        subscription,
                        definition,
                        area,
                        period,
                    });
                }
            }
        }
        jobs
    }

    async fn build_consultation(
        &self,
        consultation: &str,
        jobs: Vec<Job<'_>>,
        now: DateTime<Utc>,
        dry_run: bool,
        report: &mut BuildReport,
    ) -> Result<(), DigestError> {
        let id = consultation.to_string();
        let counts: HashMap<String, i64> = crate::db::run(&self.pool, move |c| digests::released_counts(c, &id))
            .await?
            .into_iter()
            .collect();
        let reports = self.area_reports(&jobs, report).await?;
        let mut queued = Vec::with_capacity(jobs.len());
        for job in jobs {
            let Some(area_report) = reports.get(job.area.code.as_str()) else {
                continue;
            };
            let email = self.digest_email(&job, area_report, &counts, now).await?;
            if report.examples.len() < 10 {
                report
                    .examples
                    .push(format!("{} <{}>", email.subject, job.subscription.email));
            }
            queued.push((job.subscription.id, email));
        }
        if dry_run {
            report.built += queued.len();
            return Ok(());
        }
        // One transaction for the lot: a round trip per digest would cost more than building it.
        let total = queued.len();
        let inserted = crate::db::run(&self.pool, move |c| outbox::insert_emails(c, &queued)).await?;
        report.built += inserted;
        report.already_queued += total - inserted;
        Ok(())
    }

    /// The results report of every area the jobs need, worked out concurrently (as many at once
    /// as the results service's compute limit allows: one per core by default).
    async fn area_reports(
        &self,
        jobs: &[Job<'_>],
        report: &mut BuildReport,
    ) -> Result<HashMap<String, Arc<ResultsReport>>, DigestError> {
        let started = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        let mut asked = HashSet::new();
        for job in jobs {
            let code = job.area.code.as_str().to_string();
            if asked.insert(code.clone()) {
                let (results, request) = (self.results.clone(), area_request(job.definition, job.area));
                tasks.spawn(async move { (code, results.report(&request).await) });
            }
        }
        let mut reports = HashMap::new();
        while let Some(joined) = tasks.join_next().await {
            let Ok((code, area_report)) = joined else {
                return Err(DigestError::Task("a results computation stopped unexpectedly".into()));
            };
            reports.insert(code, area_report?);
        }
        report.areas_computed += reports.len();
        report.engine_seconds += started.elapsed().as_secs_f64();
        Ok(reports)
    }

    async fn digest_email(
        &self,
        job: &Job<'_>,
        area_report: &ResultsReport,
        counts: &HashMap<String, i64>,
        now: DateTime<Utc>,
    ) -> Result<NewEmail, DigestError> {
        let definition = job.definition;
        let subscription = job.subscription;
        let released_only = true;
        let districts = if subscription.postcode_districts.is_empty() {
            None
        } else {
            let (consultation, area, list) = (
                definition.id.as_str().to_string(),
                subscription.council_area_code.clone(),
                subscription.postcode_districts.clone(),
            );
            let n = crate::db::run(&self.pool, move |c| {
                digests::responses_in_districts(c, &consultation, &area, &list, released_only)
            })
            .await?;
            Some((subscription.postcode_districts.clone(), u64::try_from(n).unwrap_or(0)))
        };
        let division = self.geography.division(&job.area.division);
        let previous_title = definition
            .previous
            .as_ref()
            .and_then(|p| self.consultations.get(p.as_str()))
            .map(|d| d.title.as_str());
        let content = compose(DigestInputs {
            consultation_title: &definition.title,
            previous_title,
            report: area_report,
            counts: &self.response_counts(definition, job.area, counts),
            division_name: division.map(|d| d.name.as_str()).unwrap_or(job.area.division.as_str()),
            community_council: subscription.community_council.as_deref(),
            districts,
            timing: timing(definition, now),
            is_final: job.period.is_final(),
            survey_url: format!("{}/consultations/{}", self.settings.public_url, definition.id.as_str()),
            results_url: None,
            unsubscribe_url: self.unsubscribe_url(subscription.id),
            frequency: Frequency::parse(&subscription.frequency).unwrap_or_default().describe(),
            threshold: definition.suppression_threshold,
        });
        let rendered = render::digest(&content)?;
        Ok(NewEmail {
            kind: "digest",
            digest_of: Some((definition.id.as_str().to_string(), job.period.key.clone())),
            recipient: subscription.email.clone(),
            message_id: new_message_id("digest", &self.settings.sender_domain()),
            subject: rendered.subject,
            body_text: rendered.text,
            body_html: rendered.html,
            unsubscribe_url: Some(content.unsubscribe_url),
        })
    }

    /// Released responses and adults (16+) in the area, its division and Scotland (the covered areas).
    fn response_counts(
        &self,
        definition: &SurveyDefinition,
        area: &CouncilArea,
        counts: &HashMap<String, i64>,
    ) -> ResponseCounts {
        let of = |a: &CouncilArea| {
            let n = counts.get(a.code.as_str()).copied().unwrap_or(0);
            let adults = self.population.area(&a.code).map(|p| p.total()).unwrap_or(0);
            (u64::try_from(n).unwrap_or(0), adults)
        };
        let sum = |filter: &dyn Fn(&CouncilArea) -> bool| {
            self.geography
                .areas
                .iter()
                .filter(|a| definition.coverage.covers(a) && filter(a))
                .map(of)
                .fold((0, 0), |(n, p), (n2, p2)| (n + n2, p + p2))
        };
        ResponseCounts {
            area: of(area),
            division: sum(&|a| a.division == area.division),
            scotland: sum(&|_| true),
        }
    }
}

/// The results request a digest makes for an area: the public API's defaults (published figures,
/// 200 bootstrap replicates, its seed, trimming), compared with the previous wave when there is one.
pub fn area_request(definition: &SurveyDefinition, area: &CouncilArea) -> ResultsRequest {
    ResultsRequest {
        consultation: definition.id.as_str().to_string(),
        selection: Selection::CouncilArea(area.code.clone()),
        compare_with: if definition.previous.is_some() {
            CompareWith::Previous
        } else {
            CompareWith::None
        },
        bootstrap: DEFAULT_WEB_REPLICATES,
        seed: BootstrapOptions::default().seed,
        trim: DEFAULT_TRIM,
        view: DataView::Published,
    }
}

/// "Closes on 31 March 2027: 117 days left." / "Closed on 31 March 2027."
fn timing(definition: &SurveyDefinition, now: DateTime<Utc>) -> String {
    let today = crate::domain::uk_time::uk_date(now);
    let closes = crate::format::uk_date(definition.closes);
    let left = (definition.closes - today).num_days() + 1;
    match left {
        n if n <= 0 => format!("The consultation closed on {closes}."),
        1 => format!("The consultation closes today, {closes}."),
        n => format!("The consultation closes on {closes}: {n} days left."),
    }
}
