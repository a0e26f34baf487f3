-- Single-use set-password links; only the SHA-256 digest of a link's token is kept.
create table password_link (
    token_hash varchar(64) primary key,
    account_id bigint not null references account (id),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);
create index password_link_account on password_link (account_id);

-- Which import row an email is for, so that a rejected address can be shown against its row;
-- and which relay instance holds it while sending.
alter table outbox add column row_no integer;
alter table outbox add column worker varchar(100);
alter table outbox add column claimed_at timestamp with time zone;
