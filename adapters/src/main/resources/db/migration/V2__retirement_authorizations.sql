-- An operator's permission for one snapshot to retire more than the deletion guard allows.
-- Insert a row, then process the file again (re-upload it, or redrive its execution); the run that uses it is noted.
create table retirement_authorizations (
    id               bigint generated always as identity primary key,
    partner_id       text        not null,
    loader           text        not null,
    snapshot_date    date        not null,
    authorized_by    text        not null,
    reason           text        not null,
    created_at       timestamptz not null default now(),
    used_by_run_id   text        references ingestion_runs (run_id)
);
create index retirement_authorizations_open on retirement_authorizations (partner_id, loader, snapshot_date)
    where used_by_run_id is null;
