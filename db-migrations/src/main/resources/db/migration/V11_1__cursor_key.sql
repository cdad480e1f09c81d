-- The key that signs page cursors (a tampered cursor is 400, never a wrong page): one row, made by the first
-- core-api instance to start, so every instance on this database signs and checks with the same key.
create table cursor_key (
    id      smallint primary key check (id = 1),
    secret  bytea    not null
);
