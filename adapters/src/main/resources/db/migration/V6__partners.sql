-- The partner registry (issue 5): who may send which files, in which language they are told what happened, and
-- where. Managed with ./loaders partners locally; on AWS with SQL (see the README, "Operating").
create table partners (
    partner_id                  text        primary key check (partner_id ~ '^[a-z0-9-]{3,40}$'),
    display_name                text        not null,
    language                    text        not null check (language in ('fr', 'en')),
    contact_emails              text[]      not null default '{}',
    webhook_url                 text,
    -- where the signing secret is (a Secrets Manager ARN on AWS, file:/env: locally): never the secret itself
    webhook_secret_ref          text,
    webhook_enabled             boolean     not null default true,
    webhook_disabled_reason     text,
    loaders                     text[]      not null,
    reject_tolerance_percent    numeric(5, 2) not null default 5 check (reject_tolerance_percent between 0 and 100),
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    constraint partners_webhook_needs_secret check (webhook_url is null or webhook_secret_ref is not null)
);
