-- Every content object a document row ever pointed at (issue 10). A document whose content changes points at a new
-- object ({partner}/{sha256} in the documents bucket); the old one is kept here, marked superseded, so that an
-- erasure finds every object that ever held the owner's document, and the superseded ones are purged once their
-- retention is over (the integrator, after each file). Contents are stored once per partner: an object that a
-- document row still points at is never deleted.
create table document_contents (
    partner_id      text        not null,
    external_id     text        not null,   -- the document's
    storage_key     text        not null,
    superseded_at   timestamptz,            -- when the document moved to another content; null while it points here
    primary key (partner_id, external_id, storage_key)
);
create index document_contents_by_key on document_contents (partner_id, storage_key);
create index document_contents_superseded on document_contents (superseded_at) where superseded_at is not null;

-- what the documents point at today; what they pointed at before this migration is not known
insert into document_contents (partner_id, external_id, storage_key)
select partner_id, external_id, storage_key from documents;
