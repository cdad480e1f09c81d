-- Wars, Elo ratings per server and game, and per-player creation cooldowns.

-- One row per war: sides, rounds and rating changes are small documents read and written whole,
-- so a war is one row (get = one query, every change = one locked row).
create table war (
    id              uuid        primary key,            -- UUIDv7: ordered by creation, so lists page by id
    server          text        not null references server (id),
    game            text        not null,
    wins_needed     int         not null check (wins_needed between 1 and 10),
    status          text        not null check (status in
                        ('PENDING', 'ACTIVE', 'DISPUTED', 'FINISHED', 'DECLINED', 'CANCELLED', 'EXPIRED', 'VOIDED')),
    created_by      text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    ended_at        timestamptz,
    players         text[]      not null,               -- every listed player, for the player filter
    sides           jsonb       not null,
    rounds          jsonb       not null default '[]',
    winner          int         check (winner in (0, 1)),
    rating_changes  jsonb       not null default '[]'
);
create index war_server_id on war (server, id desc);
create index war_players on war using gin (players);
-- the expiry sweeper claims due open wars through this small partial index
create index war_open_due on war (expires_at) where status in ('PENDING', 'ACTIVE', 'DISPUTED');

create table rating (
    server      text        not null,
    game        text        not null,
    user_id     text        not null,
    rating      int         not null default 1000,
    wins        int         not null default 0,
    losses      int         not null default 0,
    streak      int         not null default 0,         -- +n: n wins in a row, -n: n losses in a row
    updated_at  timestamptz not null default now(),
    primary key (server, game, user_id)
);
-- the leaderboard order (rating desc, user) and its keyset cursor
create index rating_board on rating (server, game, rating desc, user_id);
create index rating_player on rating (server, user_id);

-- A player's war-creation cooldown: claimed with an upsert that only succeeds once the last one ended,
-- so it holds across instances.
create table war_cooldown (
    server      text        not null,
    user_id     text        not null,
    until       timestamptz not null,
    primary key (server, user_id)
);
