-- The daily summaries and the nightly drop check (issue 5) read a day of files by the time they were received.
create index ingestion_runs_by_start on ingestion_runs (started_at);
create index file_deliveries_by_time on file_deliveries (delivered_at);
