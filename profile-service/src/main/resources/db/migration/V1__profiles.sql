-- One profile per customer of a workspace; computed figures are columns so they fold exactly.
create table profiles (
    id               uuid primary key,
    workspace_id     text        not null,
    -- identify traits as stored, snake_case keys; computed traits are added when a snapshot is built
    traits           jsonb       not null default '{}'::jsonb,
    orders_count     integer     not null default 0,
    -- unconstrained numeric: money stays exact, whatever scale the store sends
    total_spent      numeric     not null default 0,
    first_order_date timestamptz,
    last_order_date  timestamptz,
    emails_sent      bigint      not null default 0,
    -- grows with every change; consumers of crm.profiles.v1 ignore versions they already applied
    version          bigint      not null default 0,
    -- the event that made the current version, so a republished snapshot is byte-for-byte the same
    last_event_id    text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index profiles_workspace on profiles (workspace_id);

-- The identity graph: every identifier seen for a customer points to one profile.
create table identities (
    workspace_id text        not null,
    kind         text        not null check (kind in ('email', 'user_id', 'anonymous_id')),
    value        text        not null,
    profile_id   uuid        not null references profiles (id),
    created_at   timestamptz not null,
    primary key (workspace_id, kind, value)
);
create index identities_profile on identities (profile_id);

-- Every event folded, recorded in the fold's transaction: redelivery changes nothing twice.
create table processed_events (
    workspace_id text        not null,
    event_id     text        not null,
    -- the profile the event was folded into (null when it named nobody), to republish its snapshot on redelivery
    profile_id   uuid,
    processed_at timestamptz not null,
    primary key (workspace_id, event_id)
);

-- Orders counted, so one order reported by two sources or under two event ids is counted once.
create table orders (
    workspace_id text        not null,
    order_id     text        not null,
    profile_id   uuid        not null references profiles (id),
    event_id     text        not null,
    counted_at   timestamptz not null,
    primary key (workspace_id, order_id)
);
