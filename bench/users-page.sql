-- The users page's SQL in a district, before and after V22: 50 schools of 2,200 members sharing one
-- accounts table, in two schemas of the database `test` (px_old: names only on account, with
-- account_name_order and membership_school; px_new: names and email key copied into membership, with
-- its two order indexes). Run by bench/users-page.sh.
drop schema if exists px_old cascade; drop schema if exists px_new cascade;
create schema px_old; create schema px_new;
create table px_old.account (id bigint primary key, email varchar(254), email_key varchar(254) unique, first_name varchar(100), last_name varchar(100), home_school_id varchar(64), must_change_password boolean default false, password_hash varchar(255));
create table px_old.membership (account_id bigint references px_old.account(id), school_id varchar(64), role varchar(16), issued_id varchar(64), status varchar(16) default 'ACTIVE', created_at timestamptz default now(), primary key (account_id, school_id), unique (school_id, issued_id));
create index on px_old.membership (school_id);
create index account_name_order on px_old.account (last_name, first_name, email_key);
insert into px_old.account select i, 'p'||i||'@example.com', 'p'||i||'@example.com', 'F'||((i::bigint*7919) % 100003), 'L'||lpad(((i::bigint*104729) % 100019)::text, 6, '0'), 'S'||(i % 50), false, 'x' from generate_series(1,110000) i;
insert into px_old.membership (account_id, school_id, role, issued_id) select id, home_school_id, 'STUDENT', 'I'||id from px_old.account;
create table px_new.account (id bigint primary key, email varchar(254), email_key varchar(254) unique, first_name varchar(100), last_name varchar(100), home_school_id varchar(64), must_change_password boolean default false, password_hash varchar(255));
insert into px_new.account select * from px_old.account;
create table px_new.membership (account_id bigint references px_new.account(id), school_id varchar(64), role varchar(16), issued_id varchar(64), status varchar(16) default 'ACTIVE', created_at timestamptz default now(), email_key varchar(254), first_name varchar(100), last_name varchar(100), primary key (account_id, school_id), unique (school_id, issued_id));
insert into px_new.membership select m.*, a.email_key, a.first_name, a.last_name from px_old.membership m join px_old.account a on a.id = m.account_id;
create index membership_email_order on px_new.membership (school_id, email_key);
create index membership_name_order on px_new.membership (school_id, last_name, first_name, email_key);
vacuum analyze px_old.account; vacuum analyze px_old.membership; vacuum analyze px_new.account; vacuum analyze px_new.membership;

