-- The contact projection of crm.profiles.v1: what guards and templates need to know about a profile at send time.
create table contacts (
    workspace_id      text        not null,
    profile_id        text        not null,
    version           bigint      not null, -- the highest ProfileChanged.version applied
    email             text,
    phone             text,
    timezone          text,
    -- Consent per channel as profile-service publishes it: subscribed | unsubscribed | never_asked (null: not known).
    consent_email     text,
    consent_sms       text,
    consent_whatsapp  text,
    -- Unsubscribes recorded here (one-click) before profile-service confirms them: channel -> instant. Cleared per
    -- channel once a snapshot says unsubscribed, so a snapshot older than the click cannot re-subscribe anyone.
    local_unsubscribes jsonb      not null default '{}',
    traits            jsonb       not null default '{}',
    updated_at        timestamptz not null,
    primary key (workspace_id, profile_id)
);
create index contacts_by_email on contacts (workspace_id, email);
create index contacts_by_phone on contacts (workspace_id, phone);

-- Addresses nothing marketing or transactional goes to any more: hard bounces and spam complaints.
create table suppressions (
    workspace_id text        not null,
    channel      text        not null,
    address      text        not null, -- normalised email, or phone
    reason       text        not null, -- hard_bounce | spam_complaint
    event_id     text        not null,
    at           timestamptz not null,
    primary key (workspace_id, channel, address)
);
