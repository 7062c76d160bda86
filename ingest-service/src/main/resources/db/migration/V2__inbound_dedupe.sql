-- Every id an integration sent us (Segment messageId, Shopify X-Shopify-Webhook-Id, SendGrid sg_event_id, ...),
-- per workspace and source, so a retry or a second replica never publishes the same event twice. Rows are pruned
-- after crm.dedupe.retention (at least 24 h).
create table inbound_dedupe (
    workspace_id text        not null,
    source       text        not null,
    id           text        not null,
    received_at  timestamptz not null,
    primary key (workspace_id, source, id)
);

create index inbound_dedupe_received_at on inbound_dedupe (received_at);
