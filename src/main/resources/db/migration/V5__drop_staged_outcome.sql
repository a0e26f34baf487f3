-- The apply step counts outcomes with read-only queries and joins accounts by email where it needs
-- them, instead of writing an outcome and an account id into every staged row.
alter table import_row drop column account_id;
alter table import_row drop column outcome;
