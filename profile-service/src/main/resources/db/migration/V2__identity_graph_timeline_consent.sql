-- Issue 5: the full identity graph, the event timeline every trait is recomputed from, merges, per-workspace trait settings.

-- Every identifier an event may carry (crm.events.Identities); phones are stored in E.164.
alter table identities drop constraint identities_kind_check;
alter table identities add constraint identities_kind_check check (kind in ('email', 'phone', 'user_id', 'anonymous_id',
    'shopify_customer_id', 'woocommerce_customer_id', 'checkout_token', 'cart_token'));

-- The fold state (crm.profile.traits.ProfileState: counters, day buckets, orders, checkouts, consent) beside the
-- published traits, so an in-order event folds incrementally and the decay pass needs only this row.
alter table profiles add column state jsonb not null default '{}'::jsonb;
-- When a rolling 30-day value of the profile next falls (a day bucket leaves the window); null when none will.
alter table profiles add column decay_at timestamptz;
create index profiles_decay on profiles (decay_at) where decay_at is not null;

-- The event timeline: every event folded into a profile, as received (crm.events.CustomerEvent JSON). Traits are a
-- function of it, so merges and out-of-order events are recomputed from it; the API pages it.
create table profile_events (
    workspace_id text        not null,
    event_id     text        not null,
    profile_id   uuid        not null references profiles (id),
    -- the event's own time (timestamp, else receivedAt): the order traits are folded in
    occurred_at  timestamptz not null,
    type         text        not null,
    name         text,
    event        jsonb       not null,
    primary key (workspace_id, event_id)
);
create index profile_events_timeline on profile_events (profile_id, occurred_at desc, event_id desc);

-- Profiles merged into another: lookups by the merged id answer the survivor; a redelivered event republishes its merges.
create table profile_merges (
    workspace_id   text        not null,
    merged_id      uuid        primary key,
    survivor_id    uuid        not null,
    cause_event_id text        not null,
    merged_at      timestamptz not null
);
create index profile_merges_survivor on profile_merges (survivor_id);
create index profile_merges_cause on profile_merges (workspace_id, cause_event_id);

-- Per-workspace trait settings (engagement weights, B2B page path), crm.profile.traits.TraitSettings as JSON.
create table trait_settings (
    workspace_id text        primary key,
    settings     jsonb       not null,
    updated_at   timestamptz not null
);
