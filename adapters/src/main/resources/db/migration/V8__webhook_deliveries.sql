-- Every attempt to deliver a webhook event (Standard Webhooks) to a partner's endpoint, for operators. Append-only;
-- never the body nor the signing secret. outcome is set on an event's last attempt only.
create table webhook_deliveries (
    id            bigint generated always as identity primary key,
    event_id      text        not null,   -- the webhook-id header, the same on every attempt
    partner_id    text        not null,
    endpoint      text        not null,   -- without user info nor query
    attempt       integer     not null check (attempt >= 1),
    status_code   integer,                -- null: timeout, connection error, or refused before sending
    error         text,
    duration_ms   bigint      not null check (duration_ms >= 0),
    attempted_at  timestamptz not null,
    outcome       text check (outcome in ('DELIVERED', 'FAILED', 'ENDPOINT_GONE', 'REFUSED'))
);
create index webhook_deliveries_by_event on webhook_deliveries (event_id);
create index webhook_deliveries_by_partner on webhook_deliveries (partner_id, attempted_at);
