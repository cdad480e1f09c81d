-- A war's server is checked by the service before the insert (ServerService.require), and servers are
-- never deleted. The foreign key made every war insert run a trigger that share-locks the one server
-- row, so concurrent creations on a busy server all queued on that row (multixacts) — 9 % of the
-- database's CPU in the create-war benchmark (bench/RESULTS.md, run 4).
alter table war drop constraint war_server_fkey;
