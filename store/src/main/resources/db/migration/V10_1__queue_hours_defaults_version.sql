-- Which version of hours.yaml a shipped ('default') row came from. A worker writes its shipped
-- hours only where none are stored or the stored ones come from an older version, so several
-- workers starting at once write a row at most once, and an older worker restarting during a
-- rolling upgrade never puts back the hours a newer one stored. Rows from before this column
-- count as version 0, so the first worker with it refreshes them once.
alter table queue_hours add column defaults_version int not null default 0;
