-- The PostgreSQL schema of version 1, frozen to test migrations.
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    uid TEXT PRIMARY KEY,
    report_id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    published DATE,
    url TEXT,
    publisher TEXT,
    origin TEXT,
    ingested_at TIMESTAMPTZ NOT NULL,
    attack_date DATE,
    date_precision TEXT,
    record JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_report_id ON reports (report_id);
CREATE INDEX IF NOT EXISTS reports_attack_date ON reports (attack_date);
CREATE INDEX IF NOT EXISTS reports_seq ON reports (seq);
CREATE INDEX IF NOT EXISTS reports_fts ON reports USING GIN (to_tsvector('english', text));
CREATE TABLE IF NOT EXISTS figures (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value BIGINT,
    qualifier TEXT NOT NULL,
    low BIGINT,
    high BIGINT,
    weapon TEXT,
    place TEXT,
    admin1 TEXT,
    speaker TEXT,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL,
    attack_date DATE,
    PRIMARY KEY (uid, seq)
);
CREATE TABLE IF NOT EXISTS places (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    admin1 TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    role TEXT NOT NULL,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL,
    PRIMARY KEY (uid, seq)
);
CREATE TABLE IF NOT EXISTS damage (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    place TEXT,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL,
    PRIMARY KEY (uid, seq)
);
CREATE TABLE IF NOT EXISTS speakers (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT,
    PRIMARY KEY (uid, seq)
);
CREATE TABLE IF NOT EXISTS weapons (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (uid, seq)
);
CREATE INDEX IF NOT EXISTS figures_kind_date ON figures (kind, attack_date);
CREATE INDEX IF NOT EXISTS figures_date ON figures (attack_date);
