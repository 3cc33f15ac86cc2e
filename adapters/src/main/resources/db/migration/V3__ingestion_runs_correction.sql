-- The _NN of a same-day correction (0 without one): with snapshot_date, it orders a partner's snapshots.
alter table ingestion_runs add column correction integer not null default 0;
create index ingestion_runs_by_content on ingestion_runs (partner_id, loader, sha256);
