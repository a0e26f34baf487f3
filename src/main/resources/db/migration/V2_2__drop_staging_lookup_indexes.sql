-- The apply step reads an import's staged rows whole, by hash joins over (import_id, ...): these two
-- indexes were never used for that, and keeping them up to date doubled the cost of staging a row and
-- of every update of the staged rows.
drop index import_row_email;
drop index import_row_issued;
