-- Moderation: cases, reason edits, deferred platform actions, automod spam windows, raid windows.

-- The next case number of each server. Case creation updates this row in its own transaction, so the
-- row lock hands out numbers one at a time on every instance: no gaps (a rolled-back case rolls the
-- number back too) and no duplicates.
create table case_counter (
    server  text primary key,
    next    int  not null
);

create table mod_case (
    server              text        not null,
    number              int         not null,
    type                text        not null check (type in ('warn', 'timeout', 'untimeout', 'kick', 'ban', 'unban', 'note')),
    target              text        not null,
    moderator           text,       -- null: the system (automod, escalation, temp-ban expiry)
    reason              text,
    automatic           boolean     not null default false,
    observed            boolean     not null default false,
    source              text        not null check (source in ('command', 'observed', 'automod', 'escalation', 'expiry')),
    duration_seconds    bigint,
    delete_message_days int,
    expires_at          timestamptz,
    expiry_handled      boolean     not null default false,
    -- the platform's audit-entry id: an observed action, or a commanded one the adapter saw carried out
    platform_ref        text,
    escalated_from      int,
    version             int         not null default 1,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    primary key (server, number)
);
create index mod_case_target on mod_case (server, target, number desc);
create index mod_case_type on mod_case (server, type, number desc);
create index mod_case_due on mod_case (expires_at) where type = 'ban' and expires_at is not null and not expiry_handled;
create unique index mod_case_platform_ref on mod_case (server, platform_ref) where platform_ref is not null;

-- Who changed a case's reason, from what, to what, when.
create table case_reason_edit (
    id          bigserial   primary key,
    server      text        not null,
    number      int         not null,
    editor      text,
    before      text,
    after       text,
    edited_at   timestamptz not null,
    foreign key (server, number) references mod_case (server, number)
);
create index case_reason_edit_case on case_reason_edit (server, number, id);

-- Platform actions for adapters to carry out later (temp-ban expiry). Claimed with a lease; an
-- action whose lease ran out without an ack is handed out again; ack deletes it.
create table platform_action (
    id            bigserial   primary key,
    platform      text        not null check (platform in ('discord', 'slack')),
    server        text        not null,
    case_number   int,
    action        jsonb       not null,
    available_at  timestamptz not null,
    lease_until   timestamptz,
    attempts      int         not null default 0,
    created_at    timestamptz not null
);
create index platform_action_ready on platform_action (platform, available_at, id);

-- Recent messages of one author (time and content hash), shared by every instance; one row per
-- author, updated in one statement, so concurrent messages serialise on the row.
create table automod_window (
    server   text          not null,
    author   text          not null,
    times    timestamptz[] not null,
    hashes   bigint[]      not null,
    last_at  timestamptz   not null,
    primary key (server, author)
);
create index automod_window_last on automod_window (last_at);

-- Recent joins of a server and the end of the raid in progress, if any.
create table raid_window (
    server      text          primary key,
    times       timestamptz[] not null,
    raid_until  timestamptz,
    last_at     timestamptz   not null
);
