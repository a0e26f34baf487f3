-- API keys: a school's credential for unattended clients (nightly scripts, identity providers).
-- Only a SHA-256 digest of the key is kept; a revoked key stays (without its digest) so that the
-- imports and audit entries it made keep their name.
create table api_key (
    id varchar(36) primary key,
    school_id varchar(64) not null references school (school_id) on delete cascade,
    name varchar(100) not null,
    key_hash varchar(64),
    created_by bigint,
    created_at timestamp with time zone not null,
    last_used_at timestamp with time zone,
    last_used_address varchar(64),
    revoked_at timestamp with time zone,
    constraint api_key_hash_unique unique (key_hash)
);
create index api_key_school on api_key (school_id, created_at);

-- An import is uploaded by a person (uploaded_by) or by an API key (uploaded_by_key).
alter table import_job alter column uploaded_by drop not null;
alter table import_job add column uploaded_by_key varchar(36) references api_key (id);
create unique index import_job_key_idempotency on import_job (uploaded_by_key, idempotency_key);
