-- pgbench baseline: the same row the API stores, one INSERT per transaction.
INSERT INTO responses (public_id, consultation_id, council_area_code, postcode_district, feel_safe, confidence,
                       concerns, comment, age_band, sex, disability, channel)
VALUES (gen_random_uuid(), 'your-police-2026', 'S12000036', 'EH12', 4, 3,
        ARRAY['drug_dealing', 'speeding', 'housebreaking'],
        'Cars speed down our street every night and nobody does anything about it.', '35-44', 'F', 'no', 'api');
