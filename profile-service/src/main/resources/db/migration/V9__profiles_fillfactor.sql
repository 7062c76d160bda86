-- Every event folded rewrites its profile's row. Room left on each page lets PostgreSQL put the new version beside the
-- old one (a HOT update: no new entries in the profile indexes, the old version pruned in place) instead of on another
-- page with a new entry in every index. Applies to pages written from now on.
alter table profiles set (fillfactor = 70);
