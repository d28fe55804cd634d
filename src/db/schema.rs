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

diesel::joinable!(council_areas -> divisions (division_code));
diesel::joinable!(population_margins -> council_areas (council_area_code));
diesel::joinable!(responses -> consultations (consultation_id));
diesel::joinable!(responses -> council_areas (council_area_code));
diesel::joinable!(import_batches -> consultations (consultation_id));
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
    automated_refusals,
);
