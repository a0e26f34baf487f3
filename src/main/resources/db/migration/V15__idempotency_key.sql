-- An upload's Idempotency-Key: a retry by the same caller within 24 hours finds the first import.
-- Unique per caller (rows without a key do not collide: NULLs are distinct).
alter table import_job add column idempotency_key varchar(255);
create unique index import_job_idempotency on import_job (uploaded_by, idempotency_key);
