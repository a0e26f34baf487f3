-- Counts the changes of an account's password. A browser session and an API token each remember the
-- count they were signed in under, and stop working once it has moved on: a password set, changed
-- or reset ends every other way in.
alter table account add column credentials_version integer not null default 0;
alter table api_token add column credentials_version integer not null default 0;
