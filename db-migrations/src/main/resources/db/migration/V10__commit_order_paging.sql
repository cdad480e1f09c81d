-- Lists that clients page or tail (the audit log, wars) are ordered by the transaction that wrote each row,
-- not by its id alone: ids come from a sequence (or the clock) but commit in another order, so a row committed
-- late by a slower transaction could land behind a reader's cursor and never be seen. A reader is shown only
-- rows whose transaction is older than every transaction still running (pg_snapshot_xmin), so nothing can
-- commit behind its cursor any more (dev.guildhall.platform.CommitOrder).
alter table audit_log add column tx xid8 not null default pg_current_xact_id();
create index audit_log_server_tx on audit_log (server, tx desc, id desc);
drop index audit_log_server;

alter table war add column tx xid8 not null default pg_current_xact_id();
create index war_server_tx on war (server, tx desc, id desc); -- (server, id desc) stays: a player's recent wars
