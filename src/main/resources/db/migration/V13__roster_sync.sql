-- Roster sync: an import in mode SYNC is the whole roster of the schools it names; the members it
-- does not list are deactivated, each recorded here (the list the admin sees and downloads).
alter table import_job add column import_mode varchar(8) default 'ADD' not null;
alter table import_job add column confirm_large_sync boolean default false not null;
alter table import_job add column deactivated_count integer default 0 not null;
create table import_deactivation (
    import_id varchar(36) not null references import_job (id) on delete cascade,
    account_id bigint not null,
    school_id varchar(64) not null,
    email varchar(254),
    first_name varchar(100),
    last_name varchar(100),
    primary key (import_id, school_id, account_id)
);
