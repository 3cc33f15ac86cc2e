-- Qlower Loaders, schema version 1.
-- Tables read by Qlower's other systems: the contract's field names are kept as column names.
-- Every business row carries its partner, its external id, when it was created and last changed, and by which run.

create table ingestion_runs (
    run_id          text primary key,
    partner_id      text,                 -- null when the object key named no valid partner
    loader          text,
    object_bucket   text        not null,
    object_key      text        not null,
    object_version  text,
    sha256          char(64),
    snapshot_date   date,
    mode            text,
    status          text        not null check (status in ('INTEGRATED', 'SUCCEEDED', 'FAILED')),
    received        bigint      not null default 0,
    accepted        bigint      not null default 0,
    rejected        bigint      not null default 0,
    inserted        bigint      not null default 0,
    updated         bigint      not null default 0,
    unchanged       bigint      not null default 0,
    retired         bigint      not null default 0,
    error_count     bigint      not null default 0,
    first_error     text,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    archived_key    text,
    constraint ingestion_runs_counts_add_up check (received = accepted + rejected)
);
create index ingestion_runs_by_partner on ingestion_runs (partner_id, loader, snapshot_date);

create table owners (
    partner_id      text        not null,
    external_id     text        not null,
    kind            text        not null check (kind in ('person', 'company')),
    first_name      text,
    last_name       text,
    company_name    text,
    display_name    text        not null,
    siren           char(9),
    email           text,
    phone           text,
    address_line1   text,
    address_line2   text,
    postal_code     text,
    city            text,
    country         char(2),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    last_run_id     text        not null references ingestion_runs (run_id),
    retired_at      timestamptz,
    primary key (partner_id, external_id)
);

create table properties (
    partner_id              text        not null,
    external_id             text        not null,
    owner_external_id       text        not null,
    label                   text        not null,
    address_line1           text        not null,
    address_line2           text,
    postal_code             text        not null,
    city                    text        not null,
    country                 char(2)     not null,
    property_type           text        not null,
    rental_regime           text        not null check (rental_regime in ('lmnp', 'lmp', 'sci_ir', 'sci_is', 'nu')),
    acquisition_date        date        not null,
    acquisition_price_cents bigint      not null,
    notary_fees_cents       bigint,
    agency_fees_cents       bigint,
    land_share_pct          numeric(5, 2) check (land_share_pct between 0 and 100),
    furniture_value_cents   bigint,
    surface_m2              numeric(10, 2),
    rental_start_date       date,
    total_cost_cents        bigint      not null,
    depreciable_base_cents  bigint,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    last_run_id             text        not null references ingestion_runs (run_id),
    retired_at              timestamptz,
    primary key (partner_id, external_id)
);
create index properties_by_owner on properties (partner_id, owner_external_id);

create table transactions (
    partner_id              text        not null,
    external_id             text        not null,
    property_external_id    text        not null,
    booked_on               date        not null,
    value_date              date        not null,
    amount_cents            bigint      not null,
    currency                char(3)     not null,
    label                   text        not null,
    counterparty            text        not null,
    category                text        not null,
    category_source         text        not null check (category_source in ('GIVEN', 'INFERRED')),
    account_code            text        not null,
    bank_account_iban       text,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    last_run_id             text        not null references ingestion_runs (run_id),
    retired_at              timestamptz,
    primary key (partner_id, external_id)
);
create index transactions_by_property on transactions (partner_id, property_external_id, booked_on);

create table documents (
    partner_id              text        not null,
    external_id             text        not null,
    property_external_id    text        not null,
    transaction_external_id text,
    document_type           text        not null,
    file_name               text        not null,
    content_type            text        not null,
    size_bytes              bigint      not null,
    sha256                  char(64)    not null,
    storage_key             text        not null,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    last_run_id             text        not null references ingestion_runs (run_id),
    retired_at              timestamptz,
    primary key (partner_id, external_id)
);
create index documents_by_property on documents (partner_id, property_external_id);
