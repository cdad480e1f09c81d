-- The old range check let a capsRatio of NaN through (every comparison with NaN is false) and it was stored
-- as the string "NaN". Numbers are now refused unless finite, so such a config could no longer be read:
-- set it back to what NaN did, which was never to fire (null, no limit).
update server
set config = jsonb_set(config, '{automod,capsRatio}', 'null')
where jsonb_typeof(config -> 'automod' -> 'capsRatio') = 'string';
