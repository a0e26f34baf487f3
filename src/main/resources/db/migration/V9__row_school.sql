-- The school of the row an error or warning is about (null when the row named no school the
-- uploader administers): an import that names several schools shows each school's admins only
-- their own rows.
alter table import_error add column school_id varchar(64);
alter table import_warning add column school_id varchar(64);
-- An import belongs to the schools it names, or until then to its uploader's schools: imports from
-- before that named none (a file error) go to the schools their uploader administers now.
insert into import_school (import_id, school_id)
select j.id, a.school_id from import_job j join school_admin a on a.account_id = j.uploaded_by
where not exists (select 1 from import_school s where s.import_id = j.id);
