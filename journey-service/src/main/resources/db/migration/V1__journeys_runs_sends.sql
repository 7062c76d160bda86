-- Workspaces this service has prepared (template journeys created), so preparing happens once per workspace.
create table workspaces (
    workspace_id text primary key,
    prepared_at  timestamptz not null
);

create table journeys (
    id           text primary key,
    workspace_id text        not null,
    template_key text,
    name         text        not null,
    status       text        not null check (status in ('active', 'paused')),
    definition   jsonb       not null,
    version      int         not null default 1,
    created_at   timestamptz not null,
    -- Derived from the definition so "journeys this segment triggers" is an index lookup.
    trigger_segment_id text generated always as (definition -> 'trigger' ->> 'segmentId') stored,
    unique (workspace_id, template_key)
);
create index journeys_by_trigger on journeys (workspace_id, trigger_segment_id) where status = 'active';

create table runs (
    id              uuid primary key,
    workspace_id    text        not null,
    journey_id      text        not null references journeys (id),
    journey_version int         not null,
    profile_id      text        not null,
    -- '' = one run per journey and profile ever (re-entry: never).
    entry_key       text        not null default '',
    status          text        not null check (status in ('running', 'completed', 'failed')),
    started_at      timestamptz not null,
    completed_at    timestamptz,
    unique (journey_id, profile_id, entry_key)
);
create index runs_by_profile on runs (workspace_id, profile_id, started_at);

-- Segment transitions already acted on: a redelivered transition starts nothing twice.
create table processed_triggers (
    workspace_id text        not null,
    trigger_id   text        not null,
    processed_at timestamptz not null,
    primary key (workspace_id, trigger_id)
);

-- The outbox of messages: written with the run before any provider is called, then claimed by workers.
create table sends (
    idempotency_key text primary key, -- run id + ':' + step id
    workspace_id    text        not null,
    run_id          uuid        not null references runs (id),
    step_id         text        not null,
    channel         text        not null,
    recipient       text,
    template        text        not null,
    variables       jsonb       not null default '{}',
    status          text        not null check (status in ('pending', 'sending', 'sent', 'failed', 'skipped')),
    attempts        int         not null default 0,
    due_at          timestamptz not null,
    lease_until     timestamptz,
    sent_at         timestamptz,
    last_error      text,        -- why it was skipped, or the last provider error
    created_at      timestamptz not null,
    finished_at     timestamptz, -- when it reached sent, failed or skipped
    published_at    timestamptz  -- when its message event was acknowledged by Kafka
);
-- What workers claim: due sends, expired leases, and finished sends whose event is not yet published.
create index sends_work on sends (due_at) where published_at is null;
create index sends_by_run on sends (run_id);
