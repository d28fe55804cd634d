//! What every request handler shares: the pool, the reference geography and population, the
//! consultations, the results cache, and the per-client rate limiter (keyed by a daily-rotating
//! hash of the client's address, never the address itself).

use crate::client_key::ClientKeyer;
use crate::config::ProtectionSettings;
use crate::db::DbPool;
use crate::domain::form_token::FormKey;
use crate::domain::population::PopulationMargins;
pub use crate::domain::Consultations;
use crate::domain::{ConsultationStatus, Geography, SurveyDefinition};
use crate::evidence::service::EvidenceService;
use crate::rate_limit::ClientRateLimiter;
use crate::results::service::ComputeLimit;
use crate::results::{DataMode, ResultsService};
use crate::submission::SubmissionService;
use chrono::NaiveDate;
use std::sync::Arc;

/// Today's UK date (see `crate::domain::uk_time`): a consultation closing on 31 March takes
/// responses until midnight UK time, in British Summer Time as in winter.
pub fn today() -> NaiveDate {
    crate::domain::uk_time::today()
}

/// Whether a consultation is upcoming, open or closed now, by the UK date.
pub fn status_today(definition: &SurveyDefinition) -> ConsultationStatus {
    definition.status_at(chrono::Utc::now())
}

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub geography: Arc<Geography>,
    pub consultations: Arc<Consultations>,
    /// Adult population by council area, sex and age band (weighting targets).
    pub population: Arc<PopulationMargins>,
    /// The results use cases, with consultations' responses in memory and computed reports.
    pub results: Arc<ResultsService>,
    /// The evidence-pack use case (shares `results`).
    pub evidence: EvidenceService,
    /// Taking residents' responses (web form and API).
    pub submissions: Arc<SubmissionService>,
    /// Community-council digests: subscriptions, building and sending.
    pub digests: Arc<crate::digest::DigestService>,
    /// The current Local Police Plans from seeds/plans/ (for the evidence pack), read at start-up.
    pub plans: Arc<Vec<crate::seeds::CurrentPlan>>,
    /// Rate limits, trusted proxies, form friction and HSTS, as configured.
    pub protection: Arc<ProtectionSettings>,
    /// Turns client addresses into keys that rotate daily (held in memory only).
    pub client_keys: Arc<ClientKeyer>,
    /// Responses (web form and API) per client.
    pub submit_limiter: Arc<ClientRateLimiter>,
}

/// What the services are set up with beyond reference data.
#[derive(Debug, Clone)]
pub struct AppSettings {
    pub compute_limit: ComputeLimit,
    /// Signs the survey form's tokens; shared by every instance (see `crate::db::signing_keys`).
    pub form_key: FormKey,
    /// A streaming replica of the primary that results, comparisons and packs read from
    /// (`--replica-url`); `None`: everything uses the primary.
    pub replica: Option<DbPool>,
    /// Where digests and confirmation emails go, and the links in them.
    pub mail: crate::digest::MailSettings,
    /// Keys of unsubscribe links and address hashes (see `crate::digest::tokens`).
    pub digest_keys: crate::digest::tokens::DigestKeys,
    /// Rate limits and form friction; the defaults are what a real deployment uses, so a test
    /// sending many responses quickly switches them off explicitly ([`ProtectionSettings::off`]).
    pub protection: ProtectionSettings,
}

impl AppSettings {
    /// Default limits and a random form key (forms served by this state only): for tests.
    pub fn for_one_instance() -> Self {
        Self {
            compute_limit: ComputeLimit::default(),
            form_key: FormKey::random().0,
            replica: None,
            mail: crate::digest::MailSettings::files(
                std::env::temp_dir().join(format!("localvoice-mail-{}", std::process::id())),
                crate::digest::settings::DEFAULT_PUBLIC_URL,
            ),
            digest_keys: crate::digest::tokens::DigestKeys::random(),
            protection: ProtectionSettings::default(),
        }
    }
}

impl AppState {
    /// The state of a running service: results and evidence packs cached between requests. Fails
    /// when the mail settings cannot be used (an SMTP URL lettre cannot read, a mail folder that
    /// cannot be created).
    pub fn new(
        pool: DbPool,
        geography: Geography,
        population: PopulationMargins,
        consultations: Consultations,
        plans: Vec<crate::seeds::CurrentPlan>,
        settings: AppSettings,
    ) -> Result<Self, String> {
        let (geography, population, consultations) =
            (Arc::new(geography), Arc::new(population), Arc::new(consultations));
        let plans = Arc::new(plans);
        let results = ResultsService::new(
            pool.clone(),
            geography.clone(),
            population.clone(),
            consultations.clone(),
            DataMode::Cached,
        )
        .with_compute_limit(settings.compute_limit);
        let results = Arc::new(match settings.replica {
            Some(replica) => results.with_replica(replica),
            None => results,
        });
        let submissions = Arc::new(SubmissionService::new(
            pool.clone(),
            geography.clone(),
            consultations.clone(),
            settings.form_key,
            settings.protection.form_min_time,
        ));
        let digests = Arc::new(crate::digest::DigestService::new(
            pool.clone(),
            results.clone(),
            consultations.clone(),
            geography.clone(),
            population.clone(),
            settings.digest_keys,
            settings.mail,
        )?);
        let submit_limiter = Arc::new(ClientRateLimiter::new(settings.protection.submit_rate));
        Ok(Self {
            pool,
            geography,
            consultations,
            population,
            evidence: EvidenceService::new(results.clone(), plans.clone()),
            results,
            submissions,
            digests,
            plans,
            protection: Arc::new(settings.protection),
            client_keys: Arc::new(ClientKeyer::new()),
            submit_limiter,
        })
    }
}
