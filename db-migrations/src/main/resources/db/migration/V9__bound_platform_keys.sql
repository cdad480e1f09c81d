-- Platform keys bound to their platform (DESIGN §9): a key created with "platform" acts only on that
-- platform's servers and actions; null keeps an older key working on both, as before.
alter table api_key add column platform text check (platform in ('discord', 'slack'));
alter table api_key add constraint api_key_platform_only_for_platform_keys check (platform is null or kind = 'PLATFORM');

-- The key that holds an action's lease: only it may acknowledge the action.
alter table platform_action add column lease_key uuid;
