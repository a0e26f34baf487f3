-- True when the file named no character set and Rollcall chose between Windows-1252 and Mac Roman:
-- the result then says which one was used and shows names to check.
alter table import_job add column charset_guessed boolean default false not null;
