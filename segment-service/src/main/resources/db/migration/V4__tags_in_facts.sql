-- Facts now hold tags (conditions such as tags contains "VIP", compared folded: crm.segment.condition.Facts): snapshots
-- that have tags get their facts computed again at start (ProjectionFacts fills every row whose facts are null).
update profile_projection set facts = null where traits ? 'tags';
