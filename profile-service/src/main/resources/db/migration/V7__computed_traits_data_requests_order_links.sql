-- Issue 5, the rest: custom computed traits, GDPR data requests, corrections of orders that name only the order.

-- A workspace's custom computed traits (crm.profile.computed). The definition is ComputedTrait.Definition as JSON;
-- revision grows with every edit, so values folded under an older one are known stale.
create table computed_traits (
    id                    uuid        primary key,
    workspace_id          text        not null,
    name                  text        not null,
    definition            jsonb       not null,
    revision              integer     not null,
    -- the backfill from the stored timelines: pending (queued), running, ready
    backfill_status       text        not null check (backfill_status in ('pending', 'running', 'ready')),
    backfill_requested_at timestamptz not null,
    backfill_started_at   timestamptz,
    backfill_finished_at  timestamptz,
    -- profiles replayed and profiles whose traits changed (republished) by the last backfill
    backfill_profiles     integer,
    backfill_changed      integer,
    -- why the last attempt failed (it is retried)
    backfill_error        text,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    -- a deleted trait stays, hidden, until its backfill has taken its value out of every profile
    deleted_at            timestamptz
);
create unique index computed_traits_name on computed_traits (workspace_id, name) where deleted_at is null;
create index computed_traits_backfill on computed_traits (workspace_id) where backfill_status <> 'ready';

-- GDPR access requests (crm.profile.privacy.DataRequests): the request event and the export document built for it.
create table data_requests (
    id           uuid        primary key,
    workspace_id text        not null,
    -- the "Profile Export Requested" event
    event_id     text        not null,
    status       text        not null check (status in ('pending', 'ready', 'no_data_held')),
    source       text,
    -- the source's own id of the request (Shopify data_request.id)
    external_id  text,
    request      jsonb       not null,
    -- the profiles exported, and the exports (JSON array, one GET /v1/profiles/{id}/export document each)
    profile_ids  uuid[]      not null default '{}',
    document     jsonb,
    requested_at timestamptz not null,
    completed_at timestamptz,
    unique (workspace_id, event_id)
);
create index data_requests_workspace on data_requests (workspace_id, requested_at desc);
create index data_requests_pending on data_requests (requested_at) where status = 'pending';
create index data_requests_profiles on data_requests using gin (profile_ids);

-- Refunds, cancellations and updates that name only an order not counted yet: folded into its customer's profile
-- when the order arrives (crm.profile.folding.OrderRepository).
create table pending_order_events (
    workspace_id text        not null,
    order_id     text        not null,
    event_id     text        not null,
    occurred_at  timestamptz not null,
    event        jsonb       not null,
    received_at  timestamptz not null,
    primary key (workspace_id, event_id)
);
create index pending_order_events_order on pending_order_events (workspace_id, order_id);
