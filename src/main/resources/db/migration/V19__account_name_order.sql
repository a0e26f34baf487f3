-- The users page lists a school's members by last name, first name, email: walking this index and
-- probing each account's membership at the school gives the first pages without sorting the school.
create index account_name_order on account (last_name, first_name, email_key);
