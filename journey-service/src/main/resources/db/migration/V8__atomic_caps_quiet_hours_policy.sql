-- Frequency caps are checked and counted in one transaction (under a per profile and channel advisory lock): a
-- marketing send that passed the caps is counted from that moment, while its provider call is under way, so a second
-- worker sending to the same profile at the same moment sees it.
alter table sends add column counted_at timestamptz;
-- What the send does in quiet hours, resolved when it was planned from its step, else its journey: hold | skip
-- (null: the configured crm.journey.guards.quiet-hours-policy).
alter table sends add column quiet_hours text check (quiet_hours in ('hold', 'skip'));
-- Provider reports that carry only the provider's id (Twilio's MessageSid, SendGrid's sg_message_id) find their send.
create index sends_by_provider_message_id on sends (provider_message_id) where provider_message_id is not null;
