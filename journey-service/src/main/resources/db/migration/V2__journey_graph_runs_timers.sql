-- Every version of every journey's definition: a run finishes on the version it started with.
create table journey_versions (
    journey_id text        not null references journeys (id),
    version    int         not null,
    definition jsonb       not null,
    created_at timestamptz not null,
    primary key (journey_id, version)
);
insert into journey_versions (journey_id, version, definition, created_at)
select id, version, definition, created_at from journeys;

-- draft: created, not started yet; archived: deleted through the API (its runs keep their history).
alter table journeys drop constraint journeys_status_check;
alter table journeys add constraint journeys_status_check check (status in ('draft', 'active', 'paused', 'archived'));
alter table journeys add column updated_at timestamptz;
-- Derived from the definition so "journeys this event triggers" is an index lookup.
alter table journeys add column trigger_event text generated always as (definition -> 'trigger' ->> 'event') stored;
create index journeys_by_event on journeys (workspace_id, trigger_event) where status = 'active';

alter table runs drop constraint runs_status_check;
alter table runs add constraint runs_status_check
    check (status in ('running', 'completed', 'failed', 'exited', 'cancelled'));
alter table runs add column current_step        text;        -- the step the run halted at (a send, a wait)
alter table runs add column due_at              timestamptz; -- its timer: a wait's end, a wait_for_event's timeout
alter table runs add column awaiting_event      text;        -- the event name a wait_for_event step waits for
alter table runs add column awaiting_message_id text;        -- only an event about this message counts ("run:step")
alter table runs add column traits              jsonb not null default '{}'; -- the profile as the run last saw it
alter table runs add column trigger_properties  jsonb not null default '{}'; -- the trigger event's properties
alter table runs add column entry_value         text  not null default '';   -- the entry key's value ('' without one)
alter table runs add column end_reason          text;
alter table runs add column converted_at        timestamptz;
alter table runs add column conversion_event_id text;
-- What workers claim: running runs whose timer is due.
create index runs_due on runs (due_at) where status = 'running' and due_at is not null;
create index runs_running_by_profile on runs (workspace_id, profile_id) where status = 'running';
-- Entry rules look up a profile's earlier runs of a journey with the same entry value.
create index runs_by_entry_value on runs (journey_id, profile_id, entry_value, started_at);
-- Exit criteria keyed by the entry value (the order of that checkout) find the runs of any profile.
create index runs_running_by_entry_value on runs (workspace_id, entry_value) where status = 'running' and entry_value <> '';

-- A run's timeline: every step it went through, in order, with what happened there.
create table run_steps (
    run_id      uuid        not null references runs (id) on delete cascade,
    seq         int         not null,
    step_id     text        not null,
    type        text        not null,
    entered_at  timestamptz not null,
    due_at      timestamptz, -- a wait's end or a wait_for_event's timeout
    outcome     text,        -- then/else, variant a, sent, skipped, happened, timed_out, ... (null while under way)
    finished_at timestamptz,
    primary key (run_id, seq)
);

-- Segment memberships as transitions tell them, for condition steps on a segment.
create table memberships (
    workspace_id text        not null,
    profile_id   text        not null,
    segment_id   text        not null,
    since        timestamptz not null,
    primary key (workspace_id, profile_id, segment_id)
);
