// Mirrors migrations/ (written to match `diesel print-schema`).

diesel::table! {
    divisions (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    council_areas (code) {
        code -> Text,
        name -> Text,
        division_code -> Text,
        population_total -> Int8,
    }
}

diesel::table! {
    population_margins (council_area_code, sex, age_band) {
        council_area_code -> Text,
        sex -> Text,
        age_band -> Text,
        population -> Int8,
        year -> Int4,
        source_url -> Text,
    }
}

diesel::table! {
    automated_refusals (consultation_id, council_area_code, reason, day) {
        consultation_id -> Text,
        council_area_code -> Text,
        reason -> Text,
        day -> Date,
        refused -> Int8,
    }
}

diesel::table! {
    consultations (id) {
        id -> Text,
        title -> Text,
        opens -> Date,
        closes -> Date,
        definition -> Jsonb,
        synced_at -> Timestamptz,
    }
}

diesel::table! {
    import_batches (id) {
        id -> Int8,
        consultation_id -> Text,
        source_file -> Text,
        row_count -> Int8,
        imported_at -> Timestamptz,
        file_sha256 -> Nullable<Text>,
    }
}

diesel::table! {
    responses (id) {
        id -> Int8,
        public_id -> Uuid,
        consultation_id -> Text,
        council_area_code -> Text,
        postcode_district -> Nullable<Text>,
        feel_safe -> Nullable<Int2>,
        confidence -> Nullable<Int2>,
        concerns -> Array<Text>,
        comment -> Nullable<Text>,
        age_band -> Nullable<Text>,
        sex -> Nullable<Text>,
        disability -> Nullable<Text>,
        channel -> Text,
        submitted_at -> Timestamptz,
        import_batch_id -> Nullable<Int8>,
        released_in -> Nullable<Int8>,
    }
}

diesel::table! {
    idempotency_keys (consultation_id, key) {
        consultation_id -> Text,
        key -> Text,
        request_sha256 -> Text,
        response_public_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    response_counters (consultation_id, slot) {
        consultation_id -> Text,
        slot -> Int2,
        row_count -> Int8,
        max_id -> Int8,
        generation -> Int8,
    }
}

diesel::table! {
    signing_keys (name) {
        name -> Text,
        key -> Bytea,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    snapshots (id) {
        id -> Int8,
        consultation_id -> Text,
        taken_at -> Timestamptz,
        released -> Int8,
    }
}

diesel::table! {
    community_councils (id) {
        id -> Int8,
        council_area_code -> Text,
        name -> Text,
        url -> Nullable<Text>,
    }
}

diesel::table! {
    digest_subscriptions (id) {
        id -> Int8,
        email -> Text,
        email_hash -> Bytea,
        council_area_code -> Text,
        community_council -> Nullable<Text>,
        postcode_districts -> Array<Text>,
        frequency -> Text,
        source -> Text,
        created_at -> Timestamptz,
        confirm_token_hash -> Nullable<Bytea>,
        confirm_expires_at -> Nullable<Timestamptz>,
        confirmed_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    digest_unsubscribed (email_hash) {
        email_hash -> Bytea,
        unsubscribed_at -> Timestamptz,
    }
}

diesel::table! {
    outbox (id) {
        id -> Int8,
        kind -> Text,
        subscription_id -> Int8,
        consultation_id -> Nullable<Text>,
        period -> Nullable<Text>,
        recipient -> Text,
        message_id -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        unsubscribe_url -> Nullable<Text>,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        locked_until -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(council_areas -> divisions (division_code));
diesel::joinable!(population_margins -> council_areas (council_area_code));
diesel::joinable!(responses -> consultations (consultation_id));
diesel::joinable!(responses -> council_areas (council_area_code));
diesel::joinable!(import_batches -> consultations (consultation_id));
diesel::joinable!(outbox -> digest_subscriptions (subscription_id));
diesel::joinable!(digest_subscriptions -> council_areas (council_area_code));
diesel::joinable!(automated_refusals -> consultations (consultation_id));
diesel::joinable!(automated_refusals -> council_areas (council_area_code));

diesel::allow_tables_to_appear_in_same_query!(
    divisions,
    council_areas,
    population_margins,
    consultations,
    import_batches,
    responses,
    idempotency_keys,
    snapshots,
    community_councils,
    digest_subscriptions,
    outbox,
    automated_refusals,
);
