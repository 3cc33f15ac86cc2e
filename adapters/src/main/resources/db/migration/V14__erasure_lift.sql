-- An erased owner sent again is refused (issue 10): the transformer rejects the partner's records of an owner whose
-- erasure (erasures.owner_hash, the only trace of the person) is in force. When the person really comes back, an
-- operator lifts the refusal (README, Operating): the erasure row stays, with who lifted it, when and why.
alter table erasures
    add column lifted_at   timestamptz,
    add column lifted_by   text,
    add column lift_reason text;
