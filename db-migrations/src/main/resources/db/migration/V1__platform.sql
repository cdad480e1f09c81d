-- Platform: API keys, idempotency records, servers and the audit log.

create table api_key (
    id          uuid primary key,
    name        text        not null,
    kind        text        not null check (kind in ('ADMIN', 'PLATFORM', 'APP')),
    key_hash    text        not null unique,
    prefix      text        not null,
    scopes      text[]      not null default '{}',
    servers     text[]      not null default '{}',
    bootstrap   boolean     not null default false,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);
-- at most one bootstrap admin key (GUILDHALL_ADMIN_KEY), upserted at start-up by every instance
create unique index api_key_one_bootstrap on api_key (bootstrap) where bootstrap;

-- The first answer to a POST with an Idempotency-Key, written in the same transaction as its effects.
create table idempotency_record (
    key_id       uuid        not null,
    idem_key     text        not null,
    request_hash text        not null,
    status       int         not null default 0, -- 0 while the first request is still running
    body         text,
    location     text,
    created_at   timestamptz not null default now(),
    primary key (key_id, idem_key)
);
create index idempotency_record_created on idempotency_record (created_at);

create table server (
    id          text primary key,
    platform    text        not null check (platform in ('discord', 'slack')),
    name        text        not null,
    owner       text,
    config      jsonb       not null default '{}',
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table audit_log (
    id          bigserial primary key,
    server      text        not null,
    actor       text,
    action      text        not null,
    target      text,
    details     jsonb,
    request_id  text,
    created_at  timestamptz not null default now()
);
create index audit_log_server on audit_log (server, id desc);

-- Rate-limit windows shared by every instance: hits per bucket (key or actor) per fixed window.
create table rate_limit_window (
    bucket       text        not null,
    window_start timestamptz not null,
    hits         int         not null,
    primary key (bucket, window_start)
);
