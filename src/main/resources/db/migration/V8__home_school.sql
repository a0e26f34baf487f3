-- The home school of a student or instructor: the school whose upload created the account. Only
-- its admins (and operators) change the account's name and password or resend its welcome email;
-- a membership at another school never takes that control away.
alter table account add column home_school_id varchar(64) references school (school_id);
-- When a membership began: the oldest remaining one becomes home when the home membership goes.
alter table membership add column created_at timestamp with time zone;
update membership set created_at = (select a.created_at from account a where a.id = membership.account_id);
alter table membership alter column created_at set not null;
-- Accounts from before: the creating school is not recorded, so the first of their schools.
update account set home_school_id = (select min(m.school_id) from membership m where m.account_id = account.id)
where ever_admin = false;
