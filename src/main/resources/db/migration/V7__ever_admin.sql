-- An account that has ever held admin or operator permission stays out of reach of uploads after
-- a revocation: whoever could change its name or password could take over its next grant.
alter table account add column ever_admin boolean not null default false;
update account set ever_admin = true
where id in (select account_id from operator) or id in (select account_id from school_admin);
