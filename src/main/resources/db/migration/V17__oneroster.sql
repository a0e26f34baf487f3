-- What an upload was: a Rollcall CSV file, or a OneRoster bundle (stored converted to Rollcall CSV
-- with a oneRosterAction column, row numbers those of the bundle's users.csv).
alter table import_job add column source_format varchar(16) default 'CSV' not null;
-- The SHA-256 of the bytes uploaded (for a bundle, the zip's; file_sha256 is the stored roster's):
-- what a retry with the same Idempotency-Key is compared by.
alter table import_job add column upload_sha256 varchar(64);

-- Staging of a OneRoster bundle's tobedeleted rows: the memberships the import deactivates.
-- Dropped with the staged rows when the import ends.
create table import_removal (
    import_id varchar(36) not null,
    row_no integer not null,
    school_id varchar(64) not null,
    email_key varchar(254) not null
);
create index import_removal_import on import_removal (import_id);
