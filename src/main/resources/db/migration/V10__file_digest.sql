-- The SHA-256 of the uploaded file: a stored file whose chunks are missing, short or altered (a
-- purge during the run, a damaged table) fails its import as FILE_INCOMPLETE instead of importing
-- whatever part of it is left.
alter table import_job add column file_sha256 varchar(64);
