-- The users page lists a school's members by last name, first name, email, and the API and SCIM by
-- email. With the account's email key and names copied into its memberships, each order is an index
-- of the school's memberships, read from the page's first row on: no page sorts the school, however
-- many schools share the accounts table. The copies are the account's: the import's apply step, the
-- only writer of names, writes them to every membership of the account it renames.
alter table membership add column email_key varchar(254);
alter table membership add column first_name varchar(100);
alter table membership add column last_name varchar(100);
update membership set
    email_key = (select a.email_key from account a where a.id = membership.account_id),
    first_name = (select a.first_name from account a where a.id = membership.account_id),
    last_name = (select a.last_name from account a where a.id = membership.account_id);
alter table membership alter column email_key set not null;
alter table membership alter column first_name set not null;
alter table membership alter column last_name set not null;
create index membership_email_order on membership (school_id, email_key);
create index membership_name_order on membership (school_id, last_name, first_name, email_key);
-- The accounts' name order (V19) gave unsorted pages only where one school held most accounts.
drop index account_name_order;
