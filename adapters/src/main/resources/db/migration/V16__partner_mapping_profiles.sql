-- Issue 11, point 2. A partner's mapping profile (docs/mapping-profile.schema.json), versioned: every stored change
-- is a new version, the earlier ones kept as they were (the functions' role may not change or delete one), so a
-- report naming profile P version N can always be read again against what N said. The current profile of a
-- partner is its highest version.
create table partner_profiles (
    partner_id  text        not null references partners (partner_id),
    version     integer     not null check (version >= 1),
    profile_id  text        not null,
    profile     jsonb       not null,
    stored_at   timestamptz not null default now(),
    primary key (partner_id, version)
);
revoke update, delete on partner_profiles from qlower_loaders_app;

-- The profile a file was read with (none: the partner writes the contract as it is).
alter table ingestion_runs
    add column profile_id      text,
    add column profile_version integer,
    add constraint ingestion_runs_profile_whole check ((profile_id is null) = (profile_version is null));
