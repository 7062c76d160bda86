-- Facts now hold category_interest (conditions such as category_interest.shoes >= 3) and read created_at as a date: the
-- snapshots that have either get their facts computed again at start (ProjectionFacts fills every row whose facts are null).
update profile_projection set facts = null where traits ?| array['category_interest', 'created_at'];

-- Backfills of new or edited segments, run in the background in chunks of profiles (by profile id). The row is written
-- with the segment's change, in its transaction; each chunk's memberships, outbox rows and cursor commit together, so a
-- restart resumes after the last chunk committed. revision changes with every new request, so a worker that was
-- overtaken by an edit stops instead of finishing an outdated backfill.
create table segment_backfills (
    segment_id   text        primary key references segments (id) on delete cascade,
    workspace_id text        not null,
    revision     bigint      not null,
    status       text        not null check (status in ('pending', 'running', 'done')),
    -- the last profile id done; null before the first chunk
    after_profile text,
    profiles     bigint      not null default 0,
    changes      bigint      not null default 0,
    attempts     int         not null default 0,
    last_error   text,
    requested_at timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    -- a running backfill is claimed until then; past it (a crash), any replica takes it over
    lease_until  timestamptz
);
create index segment_backfills_due on segment_backfills (requested_at) where status <> 'done';

-- Which version of the preset list each workspace has received (crm.segment.definition.Presets.VERSION). Presets added
-- in a later version reach a workspace once; one the workspace deleted or edited is neither re-created nor overwritten.
create table workspace_presets (
    workspace_id text        primary key,
    version      int         not null,
    updated_at   timestamptz not null
);
-- Workspaces that exist already: version 1 was the Customers preset alone; a workspace holding any other preset was
-- given the full list of version 2 at once.
insert into workspace_presets (workspace_id, version, updated_at)
select workspace_id, case when bool_or(preset_key is not null and preset_key <> 'customers') then 2 else 1 end, now()
from segments group by workspace_id;
