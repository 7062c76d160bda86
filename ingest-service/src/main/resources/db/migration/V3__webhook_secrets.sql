-- The secret each provider signs its webhooks with, per workspace: Shopify and WooCommerce HMAC secrets, the SendGrid
-- Event Webhook public key, the Twilio auth token. Up to two are active during a rotation (current and previous).
-- Values are AES-256-GCM ciphertexts (key crm.secrets.key), bound to their workspace and provider, never plaintext.
create table webhook_secrets (
    workspace_id    text        not null references workspaces (id) on delete cascade,
    provider        text        not null check (provider in ('shopify', 'woocommerce', 'sendgrid', 'twilio')),
    current_secret  bytea       not null,
    previous_secret bytea,
    updated_at      timestamptz not null,
    primary key (workspace_id, provider)
);
