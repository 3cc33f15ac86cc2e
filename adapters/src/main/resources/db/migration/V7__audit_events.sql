-- The audit trail (issue 5): every interaction with a partner file, one row per event, never personal data.
-- Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE whoever runs them, and the functions' role is not
-- even granted them. Each event is chained to the previous one of the same run (previous_hash), and its hash
-- seals the event and that link (AuditChainLink), so a history changed by someone who could bypass both (the
-- owner disabling the trigger) no longer verifies: ./loaders audit verify.
create table audit_events (
    id              bigint generated always as identity primary key,
    run_id          text        not null,
    seq             integer     not null check (seq >= 1),  -- 1, 2, 3... within the run
    action          text        not null check (action in ('RECEIVED', 'DUPLICATE_IGNORED', 'VALIDATED',
                        'REJECTED', 'TRANSFORMED', 'INTEGRATED', 'ARCHIVED', 'NOTIFIED', 'ERASED')),
    actor           text        not null,                   -- the function, or the operator, that acted
    partner_id      text,                                   -- null when the file's key names none
    object_key      text,
    object_version  text,
    sha256          char(64)    check (sha256 ~ '^[0-9a-f]{64}$'),
    execution_name  text,
    detail          text,
    occurred_at     timestamptz not null,
    previous_hash   char(64)    check (previous_hash ~ '^[0-9a-f]{64}$'),
    hash            char(64)    not null check (hash ~ '^[0-9a-f]{64}$'),
    unique (run_id, seq),
    check ((seq = 1) = (previous_hash is null))
);

create function audit_events_refuse_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_events is append-only: % refused', tg_op
        using hint = 'audit events are never changed nor removed; record a new event instead';
end
$$;

create trigger audit_events_append_only
    before update or delete on audit_events
    for each row execute function audit_events_refuse_change();

create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_refuse_change();

-- The functions' privileges. This migration runs as the database owner; the functions log in as another user,
-- made a member of qlower_loaders_app once by an administrator:
--     create role loaders_functions login password '...' in role qlower_loaders_app;
-- That user can read and write the business tables but only read and append audit_events, and, not owning the
-- table, cannot disable its trigger. Roles belong to the cluster, not the database: the role may exist already
-- (an administrator made it, or another database of the cluster was migrated first, maybe at the same moment).
do $$
begin
    if not exists (select from pg_roles where rolname = 'qlower_loaders_app') then
        create role qlower_loaders_app nologin;
    end if;
exception
    when duplicate_object or unique_violation then null;
end
$$;

grant select, insert, update, delete on all tables in schema public to qlower_loaders_app;
grant usage, select on all sequences in schema public to qlower_loaders_app;
-- the tables and sequences later migrations create, as this same owner
alter default privileges in schema public grant select, insert, update, delete on tables to qlower_loaders_app;
alter default privileges in schema public grant usage, select on sequences to qlower_loaders_app;

revoke update, delete, truncate on audit_events from qlower_loaders_app;
-- the functions never migrate the schema
revoke all on flyway_schema_history from qlower_loaders_app;
