-- Issue 14. A nightly snapshot changes about a tenth of a partner's transactions. With every page full (fillfactor
-- 100), each changed row's new version goes to another page and both indexes get a new entry for it. With a tenth of
-- each page left free, the new version stays on its page (a heap-only tuple, HOT): no column the indexes hold
-- changes, so neither index is touched (EXPLAIN ANALYZE of 100,000 changed rows in 1,000,000: 100,000 WAL records
-- instead of 400,000). Pages written from now on keep the space; existing ones get it when the table is rewritten.
alter table transactions set (fillfactor = 90);
