-- Staged rows live only while an import runs, and a run that dies is started again from the stored
-- file: they need no write-ahead log, which halves the cost of loading a large file.
alter table import_row set unlogged;
