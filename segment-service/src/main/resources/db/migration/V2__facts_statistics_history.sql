-- What conditions read: the snapshot's traits typed by the trait catalogue (crm.segment.condition.Facts). Written by
-- the service with every snapshot; rows from before this column are filled in at start (ProjectionFacts).
alter table profile_projection add column facts jsonb;

-- Profiles that were merged into another or erased: a late snapshot of theirs must not bring them back.
create table retired_profiles (
    workspace_id text        not null,
    profile_id   text        not null,
    reason       text        not null,
    retired_at   timestamptz not null,
    primary key (workspace_id, profile_id)
);

-- Population statistics of a workspace (percentile thresholds, averages, RFM quintile boundaries), as last computed.
create table population_statistics (
    workspace_id text        primary key,
    statistics   jsonb       not null,
    computed_at  timestamptz not null
);

-- Daily size of each segment (the size when last recorded that day, UTC).
create table segment_size_history (
    workspace_id text   not null,
    segment_id   text   not null references segments (id) on delete cascade,
    day          date   not null,
    size         bigint not null,
    primary key (segment_id, day)
);

-- Whether the condition itself reads the clock (relative times, windows): the sweep visits only such workspaces.
alter table segments add column reads_clock boolean not null default false;
update segments set reads_clock = true where condition ~* '\m(now|within)\M';

-- Names are how conditions reference other segments ("in segment \"Customers\""), so they are unique per workspace.
create unique index segments_name_unique on segments (workspace_id, lower(name));

