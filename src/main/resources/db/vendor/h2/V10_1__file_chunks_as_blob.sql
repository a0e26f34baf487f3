-- H2 keeps a VARBINARY value inside its table pages: megabyte values make megabyte pages, which it
-- holds in memory until written, and three large uploads at once exhausted the heap (the database
-- then closed itself). As a BLOB, a chunk goes to H2's separate LOB storage in small blocks.
alter table import_file_chunk alter column data set data type binary large object;
