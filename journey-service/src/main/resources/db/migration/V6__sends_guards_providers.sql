-- What a finished send was: marketing or transactional (frequency caps count marketing), the guard that skipped it,
-- the provider that took it and that provider's id for it (SendGrid X-Message-Id, Twilio SM... sid).
alter table sends add column message_kind        text;
alter table sends add column skip_reason         text; -- consent | suppressed | frequency_cap | quiet_hours | empathy | no_address
alter table sends add column provider            text;
alter table sends add column provider_message_id text;
-- Frequency caps look up the recent sends of one channel.
create index sends_recently_sent on sends (workspace_id, channel, sent_at) where status = 'sent';

-- The provider of a channel chosen by a workspace (PUT /v1/providers/{channel}); config gives the default.
create table workspace_providers (
    workspace_id text        not null,
    channel      text        not null,
    provider     text        not null,
    url          text,        -- the webhook channel's target
    updated_at   timestamptz not null,
    primary key (workspace_id, channel)
);
