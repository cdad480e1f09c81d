-- The players index takes each war's players as it is inserted, instead of in a pending list that an
-- unlucky insert has to merge into the index once it holds 4 MB: while one backend merged, every other
-- war insert waited on the index's metapage, and in the create-war benchmark a burst of requests
-- waited over 2 s and the pool ran dry (bench/RESULTS.md, run 9). Throughput was the same either way.
alter index war_players set (fastupdate = off);
