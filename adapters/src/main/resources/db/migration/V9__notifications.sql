-- What was sent to a partner about each run, per channel: a retried Notify step sends nothing twice.
create table notifications (
    run_id      text        not null,
    channel     text        not null check (channel in ('EMAIL', 'WEBHOOK')),
    outcome     text        not null,
    detail      text,
    recorded_at timestamptz not null default now(),
    primary key (run_id, channel)
);
