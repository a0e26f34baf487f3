-- A person's history: the upload that last changed the account's name or the membership (role,
-- issuedID, reactivation), set by the statements that make the change, so an import writes nothing more.
alter table account add column updated_by_import varchar(36);
alter table membership add column updated_by_import varchar(36);
alter table membership add column updated_at timestamp with time zone;
