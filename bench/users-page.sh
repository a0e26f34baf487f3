#!/bin/bash
# The users page's SQL in a district before and after V22 (bench/users-page.sql builds both): the
# median execution time of 21 runs (EXPLAIN ANALYZE) of the first page and the last (offset 1950) of
# one school of 2,200, by name (the portal) and by email (the API and SCIM).
set -e
export PGOPTIONS="-c client_min_messages=warning"
psql -X -q -h 127.0.0.1 -U postgres test -f "$(dirname "$0")/users-page.sql" > /dev/null
COLS="a.email, a.first_name, a.last_name, m.role, m.issued_id, m.status, case when a.home_school_id = m.school_id then a.must_change_password end, case when a.home_school_id = m.school_id then true else false end"
q() { # schema sql
  for i in $(seq 21); do psql -X -h 127.0.0.1 -U postgres test -Atc "set search_path=$1; explain (analyze, timing off) $2" | grep "Execution Time" | awk '{print $3}'; done | sort -n | sed -n 11p
}
for off in 0 1950; do
  old_name="select $COLS from membership m join account a on a.id = m.account_id where m.school_id = 'S7' and m.status = 'ACTIVE' order by a.last_name, a.first_name, a.email_key limit 50 offset $off"
  new_name="select $COLS from (select * from membership m where m.school_id = 'S7' and m.status = 'ACTIVE' order by m.last_name, m.first_name, m.email_key limit 50 offset $off) m join account a on a.id = m.account_id order by m.last_name, m.first_name, m.email_key"
  old_mail="select $COLS from membership m join account a on a.id = m.account_id where m.school_id = 'S7' order by a.email_key limit 50 offset $off"
  new_mail="select $COLS from (select * from membership m where m.school_id = 'S7' order by m.email_key limit 50 offset $off) m join account a on a.id = m.account_id order by m.email_key"
  echo "offset $off: by name old $(q px_old "$old_name") ms, new $(q px_new "$new_name") ms; by email old $(q px_old "$old_mail") ms, new $(q px_new "$new_mail") ms"
done
psql -X -q -h 127.0.0.1 -U postgres test -c "drop schema px_old cascade; drop schema px_new cascade" > /dev/null
