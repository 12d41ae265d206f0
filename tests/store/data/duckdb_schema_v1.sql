-- The DuckDB schema of version 1 (no keys), frozen to test migrations.
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS report_seq;
CREATE TABLE IF NOT EXISTS reports (
    seq BIGINT NOT NULL DEFAULT nextval('report_seq'),
    uid TEXT NOT NULL,
    report_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    published DATE,
    url TEXT,
    publisher TEXT,
    origin TEXT,
    ingested_at TIMESTAMP NOT NULL,
    attack_date DATE,
    date_precision TEXT,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS figures (
    uid TEXT NOT NULL,
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
    attack_date DATE
);
CREATE TABLE IF NOT EXISTS places (
    uid TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    admin1 TEXT,
    lat DOUBLE,
    lon DOUBLE,
    role TEXT NOT NULL,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS damage (
    uid TEXT NOT NULL,
    seq INTEGER NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    place TEXT,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS speakers (
    uid TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT
);
CREATE TABLE IF NOT EXISTS weapons (
    uid TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL
);
