-- One row per workspace (one store). The write key itself is never stored: only its SHA-256 (hex), which is
-- what a tracking call is looked up by.
create table workspaces (
    id             text        primary key,
    name           text        not null check (char_length(name) between 1 and 200),
    write_key_hash char(64)    not null unique,
    created_at     timestamptz not null
);
