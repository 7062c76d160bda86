-- What happened to sent messages after the provider took them (provider callbacks on crm.events.v1), once per event.
create table message_feedback (
    workspace_id text        not null,
    event_id     text        not null,
    message_id   text        not null, -- the send's idempotency key
    status       text        not null, -- crm.events.MessageEvent.Status
    at           timestamptz not null,
    primary key (workspace_id, event_id)
);
create index message_feedback_by_message on message_feedback (message_id);

-- Orders credited to the last message a journey sent the customer within the attribution window (last touch).
create table conversions (
    workspace_id   text        not null,
    order_event_id text        not null,
    journey_id     text        not null,
    step_id        text        not null,
    message_id     text        not null,
    profile_id     text,
    revenue        numeric,
    currency       text,
    at             timestamptz not null,
    primary key (workspace_id, order_event_id)
);
create index conversions_by_journey on conversions (journey_id);
