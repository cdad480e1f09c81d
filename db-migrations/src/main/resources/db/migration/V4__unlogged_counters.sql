-- Spam windows and rate-limit counts are short-lived counters written in batches many times a second.
-- Unlogged tables skip the write-ahead log, so those writes cost no WAL and no flush at commit; after
-- a database crash (or on a promoted replica) they start empty, which forgets at most the last hour of
-- counting. Nothing else is unlogged.

-- The spam window now keeps epoch milliseconds (the instances' clocks, which stamp each message).
-- Its rows are rewritten several times a second while an author writes: no index besides the key and
-- room left on each page, so the rewrites stay heap-only (HOT) and need no index maintenance; the
-- hourly clean-up of quiet authors scans the table instead.
drop table automod_window;
create unlogged table automod_window (
    server   text        not null,
    author   text        not null,
    times    bigint[]    not null,      -- epoch milliseconds, oldest first, at most 101
    hashes   bigint[]    not null,      -- content hash of the message at the same position
    last_at  timestamptz not null,
    primary key (server, author)
) with (fillfactor = 70);

alter table rate_limit_window set unlogged;
