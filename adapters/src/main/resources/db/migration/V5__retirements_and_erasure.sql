-- GDPR erasure (issue 4). No personal data is kept by what follows once an erasure's S3 work is done.

-- Which integrated files hold which owner's data (the owner's own records, their properties, the properties'
-- transactions and documents), so that an erasure finds the staged and archived files to purge without scanning
-- the archive. Filled in the transaction that integrates the file.
create table owner_files (
    partner_id          text not null,
    owner_external_id   text not null,
    run_id              text not null references ingestion_runs (run_id),
    primary key (partner_id, owner_external_id, run_id)
);

-- The trail of each erasure that found something: the request, when, and counts. The owner is named only by a
-- hash (SHA-256 of partner_id '/' external id), which recognises a repeated request and names no one.
create table erasures (
    id                  bigint generated always as identity primary key,
    partner_id          text        not null,
    owner_hash          char(64)    not null,
    request_reference   text        not null,
    requested_at        timestamptz not null,
    erased_at           timestamptz not null,
    run_id              text        not null references ingestion_runs (run_id),
    owners              bigint      not null,
    properties          bigint      not null,
    transactions        bigint      not null,
    documents           bigint      not null,
    document_objects    bigint      not null,
    files               bigint      not null,
    purged_at           timestamptz           -- when the last S3 copy was removed
);
create index erasures_by_owner on erasures (partner_id, owner_hash);

-- The S3 work of an erasure, done after its commit, each item once. The owner's ids it needs are cleared when the
-- item is done.
create table erasure_purges (
    id                      bigint generated always as identity primary key,
    erasure_id              bigint not null references erasures (id),
    kind                    text   not null check (kind in ('DOCUMENT_OBJECT', 'RUN_FILES')),
    object_key              text,
    bucket                  text,
    run_id                  text,
    archived_key            text,
    owner_external_id       text,
    property_external_ids   text[],
    done_at                 timestamptz
);
create index erasure_purges_pending on erasure_purges (erasure_id) where done_at is null;

-- erasure requests of a file, beside its other counts
alter table ingestion_runs add column erased bigint not null default 0;
