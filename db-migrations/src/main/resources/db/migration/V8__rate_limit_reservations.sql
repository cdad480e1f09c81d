-- Rate limits are reserved in blocks (core-api RateLimiter): an instance takes a share of what is left of a
-- window's limit and spends it in memory, and the database never hands out more than the limit. hits is now
-- the tokens handed out (given back ones subtracted); a reservation needs the limit it counts against (cap)
-- and answers with what it got (granted, the last reservation's block), both set by one upsert.
alter table rate_limit_window
    add column cap     int not null default 0,
    add column granted int not null default 0;
