-- The foreign key from a membership to its school cost a lookup and a lock of the school for every
-- membership an import writes: 0.35-0.45 s of a 100,000-row import. A membership's school is always
-- one the import checked the uploader may import into and then locked, and schools are never
-- deleted, so the key guarded nothing (as the account's home school key, V8_1). The key to the
-- account stays: an operator may erase an account while an import adds it to a school, and that key
-- is what makes the import wait and start again instead of writing a membership of no one. (H2
-- keeps both: there the keys are unnamed, and their cost is not measured.)
alter table membership drop constraint membership_school_id_fkey;
