-- A workspace's write keys, by SHA-256 (hex) only. valid_until is null for the current key; a rotation gives the keys
-- it replaces a valid_until (now + crm.write-key.rotation-grace), after which they are refused. The key that used to
-- live on the workspace row moves here.
create table write_keys (
    hash         char(64)    primary key,
    workspace_id text        not null references workspaces (id) on delete cascade,
    created_at   timestamptz not null,
    valid_until  timestamptz
);

create index write_keys_workspace on write_keys (workspace_id);

insert into write_keys (hash, workspace_id, created_at)
select write_key_hash, id, created_at from workspaces;

alter table workspaces drop column write_key_hash;
