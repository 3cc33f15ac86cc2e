-- The integrator refreshes the statistics of the tables it has just merged into (ANALYZE), or PostgreSQL plans the
-- retirement anti-joins against an empty table's statistics. Only a table's owner may, unless granted MAINTAIN
-- (PostgreSQL 17): the functions' role gets it where the server has it. On an older server, ANALYZE by the role
-- is skipped with a warning, and autovacuum's statistics are what the planner gets (see the README).
do $$
begin
    if current_setting('server_version_num')::int >= 170000 then
        execute 'grant maintain on all tables in schema public to qlower_loaders_app';
        execute 'alter default privileges in schema public grant maintain on tables to qlower_loaders_app';
    end if;
end
$$;
