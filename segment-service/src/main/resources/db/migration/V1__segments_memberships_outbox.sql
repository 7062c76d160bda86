-- Segment definitions. Presets carry their key; their id is derived from workspace and key (crm.events.PresetSegments).
create table segments (
    id           text        primary key,
    workspace_id text        not null,
    preset_key   text,
    name         text        not null,
    condition    text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    constraint segments_preset_unique unique (workspace_id, preset_key)
);
create index segments_workspace on segments (workspace_id);

-- The latest profile snapshot applied, so an older or repeated version is recognised and ignored.
create table profile_projection (
    workspace_id text   not null,
    profile_id   text   not null,
    version      bigint not null,
    traits       jsonb  not null,
    primary key (workspace_id, profile_id)
);

-- Who is in which segment now. The primary key serves counts and member pages (ordered by profile id).
create table memberships (
    workspace_id text        not null,
    segment_id   text        not null references segments (id) on delete cascade,
    profile_id   text        not null,
    entered_at   timestamptz not null,
    primary key (workspace_id, segment_id, profile_id)
);
create index memberships_profile on memberships (workspace_id, profile_id);

-- Membership changes written with the change itself and published after commit; what a crash leaves is relayed.
-- position keeps publication in commit order, so one profile's entered/exited never swap.
create table membership_outbox (
    id         text        primary key,
    position   bigint      generated always as identity unique,
    topic      text        not null,
    key        text        not null,
    payload    json        not null,
    created_at timestamptz not null
);
