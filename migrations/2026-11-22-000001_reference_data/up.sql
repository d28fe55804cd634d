-- Reference geography and population margins, loaded from seeds/ by `localvoice seed`.
CREATE TABLE divisions (
    code TEXT PRIMARY KEY CHECK (code ~ '^[A-Z]$'),
    name TEXT NOT NULL
);

CREATE TABLE council_areas (
    code TEXT PRIMARY KEY CHECK (code ~ '^S12[0-9]{6}$'),
    name TEXT NOT NULL UNIQUE,
    division_code TEXT NOT NULL REFERENCES divisions (code),
    population_total BIGINT NOT NULL CHECK (population_total >= 0)
);

-- Adult population by council area, sex and survey age band: the raking margins.
CREATE TABLE population_margins (
    council_area_code TEXT NOT NULL REFERENCES council_areas (code),
    sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    age_band TEXT NOT NULL CHECK (age_band IN ('16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+')),
    population BIGINT NOT NULL CHECK (population >= 0),
    year INTEGER NOT NULL,
    source_url TEXT NOT NULL,
    PRIMARY KEY (council_area_code, sex, age_band)
);
