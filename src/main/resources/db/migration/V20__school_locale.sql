-- The language of a school's welcome emails: en, es or fr (school.Languages). English until chosen.
alter table school add column locale varchar(8) default 'en' not null;
