-- Which instance stored an author's spam window last, and which one before it. An instance whose flush
-- finds that it also stored the row before knows the row is its own view plus what it just appended, so
-- the flush reads back only the rows another instance wrote to meanwhile, not every row it touched
-- (reading them back was a tenth of what core-api allocated per automod-checked message).
alter table automod_window add column writer bigint, add column prior_writer bigint;
