-- Issue 11. Guards that fit small partners: the reject tolerance and the deletion guard each take an absolute floor
-- beside their share (refusing up to reject_tolerance_records records, or retiring up to retirement_guard_records,
-- never trips them), and the deletion guard is set per partner. Defaults: 2 records, 10 % and 5 records (README,
-- "Operating").
alter table partners
    add column reject_tolerance_records integer not null default 2 check (reject_tolerance_records >= 0),
    add column retirement_guard_percent numeric(5, 2) not null default 10
        check (retirement_guard_percent between 0 and 100),
    add column retirement_guard_records integer not null default 5 check (retirement_guard_records >= 0);

-- A transaction category the contract does not know is kept as the partner wrote it; category holds the one
-- inferred from the label (category_source INFERRED).
alter table transactions add column partner_category text;
