-- processed_events is the dedupe of redelivered events and nothing more. The profile an event was folded into is its
-- timeline row's (profile_events.profile_id, moved on merges, deleted on erasure): keeping a copy here cost an update
-- per event folded, and a scan of the whole table on every merge and erasure (profile_id had no index).
alter table processed_events drop column profile_id;
