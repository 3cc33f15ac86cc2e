-- Every S3 notification the validator received for a file. S3 delivers at least once: the first delivery of an
-- object version starts its run, the others are recorded here as ignored. Append-only; no personal data.
create table file_deliveries (
    id              bigint generated always as identity primary key,
    run_id          text        not null,   -- ingestion_runs.run_id once the run is recorded there
    object_bucket   text        not null,
    object_key      text        not null,
    object_version  text,
    execution_name  text        not null,
    outcome         text        not null check (outcome in ('STARTED', 'DUPLICATE_IGNORED')),
    delivered_at    timestamptz not null
);
create index file_deliveries_by_run on file_deliveries (run_id);
