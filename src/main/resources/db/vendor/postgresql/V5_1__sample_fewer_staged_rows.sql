-- ANALYZE of the staged rows samples 300 rows per unit of statistics target. The apply step's plans
-- need only row counts and rough distinct counts, which a target of 10 (3,000 rows) gives at a
-- tenth of the cost of the default (100).
alter table import_row
    alter column import_id set statistics 10,
    alter column row_no set statistics 10,
    alter column email set statistics 10,
    alter column email_key set statistics 10,
    alter column first_name set statistics 10,
    alter column last_name set statistics 10,
    alter column role set statistics 10,
    alter column issued_id set statistics 10,
    alter column school_id set statistics 10,
    alter column failed set statistics 10,
    alter column other_school set statistics 10;
