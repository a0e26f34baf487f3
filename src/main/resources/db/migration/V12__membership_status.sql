-- Account lifecycle: a membership is ACTIVE or DEACTIVATED (kept, with its history, but no sign-in
-- through it); a school may let uploads reactivate its deactivated members.
alter table membership add column status varchar(16) default 'ACTIVE' not null;
alter table membership add column status_changed_at timestamp with time zone;
alter table school add column uploads_reactivate boolean default false not null;
