#!/usr/bin/env python3
"""Rollcall import benchmark: synthetic rosters through the real HTTP API, next to the database floor.

Starts Rollcall (the jar under target/, built with `./mvnw -B -q -DskipTests package`) with -Xmx256m on
its own port, against a PostgreSQL database of its own (dropped and created again) or embedded H2, and
for each roster size prints wall time (upload to COMPLETED), rows/s, peak heap (jstat, every 200 ms)
and, on PostgreSQL, the floor: COPY of the same valid rows into the same tables with plain SQL, no
validation, measured in the same run. See README, section Benchmark. Standard library only.
"""
import argparse
import base64
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID\n"
SETTLE_SECONDS = 2
OPERATOR = ("operator@bench.example.com", "bench-operator-1")
ADMIN_PASSWORD = "bench-admin-1"


def log(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------- rosters

def roster(path, rows, school, who, changed=lambda i: False, invalid_every=100):
    """Writes a roster; who(i) -> email tag for row i. Returns the valid rows' count."""
    valid = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for i in range(rows):
            tag = who(i)
            last = "Changed" if changed(i) else "Last%d" % i
            if invalid_every and i % invalid_every == invalid_every - 1:
                out.write("First%d,%s,not-an-email-%s,0,X%s,%s\n" % (i, last, tag, tag, school))
                continue
            valid += 1
            out.write("First%d,%s,%s@bench.example.com,%d,I%s,%s\n" % (i, last, tag, 1 if i % 10 == 0 else 0, tag, school))
    return valid


def write_oneroster_bundle(path, rows, school, who, invalid_every=100):
    import zipfile
    header = ("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
              "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.csv", "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
                   "file.orgs,bulk\nfile.users,delta\nfile.enrollments,bulk\n")
        z.writestr("orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
                   "org-1,,,Bench,school,%s,\n" % school)
        with z.open("users.csv", "w", force_zip64=True) as out:
            out.write(header.encode())
            for i in range(rows):
                tag = who(i)
                email = ("not-an-email-%s" % tag) if invalid_every and i % invalid_every == invalid_every - 1 \
                    else "%s@bench.example.com" % tag
                role = "teacher" if i % 10 == 0 else "student"
                out.write(("u%d,active,,true,org-1,%s,%s,,First%d,Last%d,,I%s,%s,,,,,\n"
                           % (i, role, tag, i, i, tag, email)).encode())
        with z.open("enrollments.csv", "w", force_zip64=True) as out:
            out.write(b"sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary\n")
            for i in range(rows):
                out.write(("e%d,active,,class-1,org-1,u%d,student,false\n" % (i, i)).encode())
    return path


# ---------------------------------------------------------------- HTTP

class Api:
    def __init__(self, base):
        self.base = base

    def call(self, method, path, token=None, body=None, content_type=None, basic=None):
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        if basic:
            request.add_header("Authorization", "Basic " + base64.b64encode(("%s:%s" % basic).encode()).decode())
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def json(self, method, path, token, payload):
        return self.call(method, path, token, json.dumps(payload).encode(), "application/json")

    def token(self, email, password):
        status, body = self.call("POST", "/api/v1/tokens", basic=(email, password))
        assert status == 201, body
        return body["token"]

    def upload(self, token, path, **options):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in options.items():
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode())
        with open(path, "rb") as f:
            data = f.read()
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                      "Content-Type: text/csv\r\n\r\n" % (boundary, os.path.basename(path))).encode())
        parts.append(data)
        parts.append(("\r\n--%s--\r\n" % boundary).encode())
        status, body = self.call("POST", "/api/v1/imports", token, b"".join(parts),
                                 "multipart/form-data; boundary=" + boundary)
        assert status == 202, (status, body)
        return body["id"]

    def await_end(self, token, import_id, poll=0.02):
        while True:
            status, body = self.call("GET", "/api/v1/imports/%s" % import_id, token)
            assert status == 200, body
            if body["status"] in ("COMPLETED", "FAILED"):
                return body
            time.sleep(poll)


# ---------------------------------------------------------------- heap

class HeapSampler:
    """Peak used heap of the server (young + old generations), sampled by jstat."""

    def __init__(self, pid):
        self.peak_kb = 0.0
        self.process = subprocess.Popen(["jstat", "-gc", str(pid), "200"], stdout=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        columns = None
        for line in self.process.stdout:
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "S0C":
                columns = fields
                continue
            if columns:
                try:
                    values = dict(zip(columns, (float(v) for v in fields)))
                except ValueError:
                    continue
                used = values["S0U"] + values["S1U"] + values["EU"] + values["OU"]
                self.peak_kb = max(self.peak_kb, used)

    def reset(self):
        self.peak_kb = 0.0

    def peak_mb(self):
        return self.peak_kb / 1024

    def stop(self):
        self.process.terminate()


# ---------------------------------------------------------------- database floor

def psql(db, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", db],
                   input=sql, text=True, check=True, stdout=subprocess.DEVNULL)


def prepare_floor(db):
    # Plain tables with only their unique keys (no foreign keys, no other index): the least PostgreSQL
    # needs to hold the same rows and find each again by its keys.
    psql(db, """
        drop schema if exists floor cascade;
        create schema floor;
        create table floor.account (like public.account including defaults including identity);
        alter table floor.account add primary key (id), add unique (email_key);
        create table floor.membership (like public.membership including defaults);
        alter table floor.membership add primary key (account_id, school_id), add unique (school_id, issued_id);
        -- Rollcall's copies of the account's email key and names (the users pages' sort keys, V22) are
        -- its design, not the roster's rows: the floor holds each value once.
        alter table floor.membership drop column email_key, drop column first_name, drop column last_name;
        """)


def floor_seconds(db, path):
    """\\copy of the file's valid rows into a temporary table, then set-based upserts into account and
    membership by their unique keys: plain SQL, no validation, one transaction."""
    psql(db, "truncate floor.membership, floor.account restart identity; checkpoint;")
    script = r"""
        begin;
        create temp table roster (first_name text, last_name text, email text, is_teacher text, issued_id text,
            school_id text) on commit drop;
        \copy roster from '%s' with (format csv, header true)
        insert into floor.account (email, email_key, first_name, last_name, home_school_id, created_at, updated_at)
            select email, lower(email), first_name, last_name, school_id, now(), now() from roster
            on conflict (email_key) do update set first_name = excluded.first_name, last_name = excluded.last_name,
                updated_at = excluded.updated_at;
        insert into floor.membership (account_id, school_id, role, issued_id, created_at)
            select a.id, r.school_id, case when r.is_teacher = '1' then 'INSTRUCTOR' else 'STUDENT' end, r.issued_id,
                now()
            from roster r join floor.account a on a.email_key = lower(r.email)
            on conflict (account_id, school_id) do update set role = excluded.role, issued_id = excluded.issued_id;
        commit;
        """ % path
    start = time.monotonic()
    psql(db, script)
    return time.monotonic() - start


# ---------------------------------------------------------------- the run

def start_server(args, workdir):
    jars = [j for j in glob.glob(os.path.join(args.project, "target", "rollcall-*.jar")) if not j.endswith("-plain.jar")]
    if not jars:
        sys.exit("No jar under target/: run ./mvnw -B -q -DskipTests package first")
    # The limits fit the largest file of the run (under 100 bytes a row; 1,000,000 rows by default), and
    # the school's quota of stored uploads the several uploads of it.
    largest = max(int(s) for s in getattr(args, "sizes", "1000000").split(","))
    max_file_mb = max(200, largest * 150 // 1_000_000)
    env = dict(os.environ,
               SERVER_PORT=str(args.port),
               ROLLCALL_BOOTSTRAP_OPERATOR_EMAIL=OPERATOR[0],
               ROLLCALL_BOOTSTRAP_OPERATOR_PASSWORD=OPERATOR[1],
               ROLLCALL_IMPORT_MAX_FILE_SIZE="%dMB" % max_file_mb,
               ROLLCALL_IMPORT_MAX_STORED_PER_SCHOOL="%dMB" % max(2048, 10 * max_file_mb),
               ROLLCALL_IMPORT_MAX_ROWS=str(max(1_000_000, largest)),
               ROLLCALL_PUBLIC_URL="http://localhost:%d" % args.port)
    if not args.h2:
        env.update(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/%s" % args.db,
                   SPRING_DATASOURCE_USERNAME="postgres", SPRING_DATASOURCE_PASSWORD="")
    out = open(os.path.join(workdir, "rollcall.log"), "w")
    server = subprocess.Popen(["java", "-Xmx%s" % args.xmx, "-jar", os.path.abspath(jars[0])],
                              cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT)
    api = Api("http://127.0.0.1:%d" % args.port)
    # Up to three minutes: a machine shared with other work starts it slowly.
    for _ in range(360):
        if server.poll() is not None:
            sys.exit("Rollcall stopped at start-up; see %s/rollcall.log" % workdir)
        try:
            if api.call("GET", "/actuator/health")[0] == 200:
                return server, api
        except OSError:
            pass
        time.sleep(0.5)
    stop(server)
    sys.exit("Rollcall did not start within three minutes")


def stop(server):
    # A graceful shutdown may wait for the mail relay and the workers; after a minute it is cut short.
    server.terminate()
    try:
        server.wait(60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def school_and_admin(api, operator, name):
    school = "B%s" % uuid.uuid4().hex[:8]
    status, body = api.json("POST", "/api/v1/schools", operator, {"schoolId": school, "name": name,
                                                                   "customPasswordOverridesExisting": False})
    assert status == 201, body
    email = "admin-%s@bench.example.com" % school.lower()
    status, body = api.json("POST", "/api/v1/schools/%s/admins" % school, operator,
                            {"email": email, "firstName": "Bench", "lastName": "Admin", "password": ADMIN_PASSWORD})
    assert status == 201, body
    return school, api.token(email, ADMIN_PASSWORD)


def timed_import(api, heap, token, path, **options):
    heap.reset()
    start = time.monotonic()
    import_id = api.upload(token, path, **options)
    uploaded = time.monotonic() - start
    report = api.await_end(token, import_id)
    seconds = time.monotonic() - start
    assert report["status"] == "COMPLETED", report
    log("          (upload answered after %.2f s)" % uploaded)
    return seconds, report


def warm_up(api, heap, operator, workdir, size, runs):
    """A server that has just started compiles the import's code while it runs the first ones (the JIT took
    2.6 s of CPU during the first three 100,000-row imports): a long-running server has done so already.
    No welcome emails, whose sending would go on during the measured runs."""
    if runs < 1:
        return
    school, token = school_and_admin(api, operator, "Bench warm-up")
    for w in range(runs):
        path = os.path.join(workdir, "warmup%d-%d.csv" % (w, size))
        roster(path, size, school, who=lambda i, w=w: "w%d-%d" % (w, i))
        new_seconds, _ = timed_import(api, heap, token, path)
        again_seconds, _ = timed_import(api, heap, token, path)
        log("          (warm-up %d, not counted: %d new users %.2f s, the same file again %.2f s)" % (
            w + 1, size, new_seconds, again_seconds))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="comma-separated roster sizes; larger than 1,000,000 (e.g. 10000000, about 700 MB,"
                        " run once with --only new) raises Rollcall's row and file-size limits to fit")
    parser.add_argument("--h2", action="store_true", help="embedded H2 instead of PostgreSQL (no floor)")
    parser.add_argument("--db", default="rollcall_bench", help="PostgreSQL database, dropped and created again")
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--xmx", default="256m")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each scenario below 1M rows, each after a floor of its own")
    parser.add_argument("--only", default="", help="comma-separated scenarios: new (with re-upload and mixed),"
                        " password, sync, oneroster, concurrent; default all")
    parser.add_argument("--new-only", action="store_true",
                        help="of the new-users scenario, only the new users (no re-upload, no mix): for 10,000,000 rows")
    parser.add_argument("--warmup", type=int, default=1,
                        help="unmeasured imports of new users (up to 100,000 rows, each then uploaded again) before"
                        " the measured ones, so that the medians are of a server whose JIT has compiled the import")
    parser.add_argument("--project", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    workdir = tempfile.mkdtemp(prefix="rollcall-bench-")
    if not args.h2:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.db], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.db], check=True)
    server, api = start_server(args, workdir)
    heap = HeapSampler(server.pid)
    results = []
    try:
        if not args.h2:
            prepare_floor(args.db)
        operator = api.token(*OPERATOR)
        log("database: %s, Rollcall -Xmx%s, files in %s" % ("H2 (embedded)" if args.h2 else "PostgreSQL " + args.db,
                                                            args.xmx, workdir))
        warm_up(api, heap, operator, workdir, min(100_000, max(sizes)), args.warmup)
        for size in sizes:
            school, token = school_and_admin(api, operator, "Bench %d" % size)
            run = uuid.uuid4().hex[:6]
            files = {}

            def file(name, **kw):
                path = os.path.join(workdir, "%s-%d.csv" % (name, size))
                roster(path, size, school, **kw)
                files[name] = path
                return path

            repeats = args.repeat if size < 1_000_000 else 1

            def want(name):
                return not args.only or name in args.only.split(",")
            # The floor: the valid rows of a new-users file into empty tables. On a machine shared with other
            # work the seconds drift by more than the differences measured, so each Rollcall run is paired
            # with a floor measured just before it, and a scenario's ratio is the median of its pairs' ratios.
            floor_file = None
            if not args.h2 and (want("new") or want("password")):
                floor_file = os.path.join(workdir, "floor-%d.csv" % size)
                # the rows Rollcall writes of a file: its valid ones (one in a hundred is not)
                roster(floor_file, size - size // 100, school, who=lambda i: "f%s%d" % (run, i), invalid_every=0)

            def paired(scenario, runs, run_once, target):
                """Runs run_once(r) -> (seconds, report) `runs` times, each after a floor; records the medians."""
                pairs = []
                for r in range(runs):
                    # The server's work after an import's end (the staged rows' vacuum, fresh statistics of the
                    # accounts) ends before the floor is measured, not during it.
                    time.sleep(SETTLE_SECONDS)
                    floor = floor_seconds(args.db, floor_file) if floor_file else None
                    if not args.h2:
                        # As before the floor: each side starts from a checkpoint, so that Rollcall's run does
                        # not write out the floor's pages, nor the checkpoint its WAL would soon call for.
                        psql(args.db, "checkpoint;")
                    seconds, report = run_once(r)
                    pairs.append((seconds, report, floor, heap.peak_mb()))
                    if floor:
                        log("          (pair %d: floor %.2f s, Rollcall %.2f s, ratio %.2f)" % (
                            r + 1, floor, seconds, seconds / floor))
                seconds = statistics.median(p[0] for p in pairs)
                report = pairs[-1][1]
                floors = [p[2] for p in pairs if p[2]]
                floor = statistics.median(floors) if floors else None
                ratios = [p[0] / p[2] for p in pairs if p[2]]
                ratio = statistics.median(ratios) if ratios else None
                peak = max(p[3] for p in pairs)
                results.append(dict(size=size, scenario=scenario, seconds=seconds, rows_per_s=size / seconds,
                                    peak_heap_mb=peak, floor=floor, ratio=ratio, ratios=ratios, target=target,
                                    created=report["created"], updated=report["updated"],
                                    unchanged=report["unchanged"], failed=report["failed"]))
                log("%9d rows  %-28s %7.2f s %9.0f rows/s  peak heap %4.0f MB  %s  c/u/u/f %d/%d/%d/%d" % (
                    size, scenario, seconds, size / seconds, peak,
                    "floor %.2f s, ratio %.2f of %s (target %s)" % (floor, ratio, ["%.2f" % x for x in ratios], target)
                    if ratio else "", report["created"], report["updated"], report["unchanged"], report["failed"]))
                return pairs

            if want("new"):
                # 1. new users, each run a file of its own (the median run's file is kept for the next scenarios)
                news = {}

                def new_users(r):
                    path = file("new%d" % r, who=lambda i, r=r: "n%s%d-%d" % (run, r, i))
                    news[r] = path
                    return timed_import(api, heap, token, path)
                pairs = paired("new", repeats, new_users, "1.25x")
                median_run = sorted(range(len(pairs)), key=lambda r: pairs[r][0])[len(pairs) // 2]
                first = news[median_run]

                if args.new_only:
                    continue
                # 2. the same file again: every row unchanged
                paired("re-upload, all unchanged", repeats, lambda r: timed_import(api, heap, token, first), "1.1x")

                # 3. a mix: a third unchanged, a third changed, a third new
                mixed = file("mixed", who=lambda i: ("n%s%d-%d" % (run, median_run, i)) if i % 3 < 2 else "m%s%d" % (run, i),
                             changed=lambda i: i % 3 == 1)
                paired("mixed 1/3 new,changed,same", 1, lambda r: timed_import(api, heap, token, mixed), "-")

            # 4. custom password and welcome emails, new users each run
            if size <= 100_000 and want("password"):
                def with_password(r):
                    path = file("password%d" % r, who=lambda i, r=r: "p%s%d-%d" % (run, r, i))
                    return timed_import(api, heap, token, path, customPassword="Welcome-2026-bench",
                                        sendWelcomeEmails="true")
                paired("new + password + emails", repeats, with_password, "1.5x")

            # 5. a roster sync that deactivates 5% against the same file in add mode, on the same state: a
            #    fresh school of size * 1.05 members each time; alternate which of the two runs first
            if size <= 100_000 and want("sync"):
                pairs = []
                for r in range(repeats):
                    sync_school, sync_token = school_and_admin(api, operator, "Bench sync %d" % r)
                    extra = size // 20
                    base = os.path.join(workdir, "sync-base-%d.csv" % size)
                    roster(base, size + extra, sync_school, who=lambda i, r=r: "y%s%d-%d" % (run, r, i), invalid_every=0)
                    api.await_end(sync_token, api.upload(sync_token, base))
                    whole = os.path.join(workdir, "sync-roster-%d.csv" % size)
                    roster(whole, size, sync_school, who=lambda i, r=r: "y%s%d-%d" % (run, r, i), invalid_every=0)
                    order = ("add", "sync") if r % 2 == 0 else ("sync", "add")
                    timings = {}
                    for mode in order:
                        seconds, report = timed_import(api, heap, sync_token, whole, mode=mode)
                        timings[mode] = (seconds, report)
                    assert timings["sync"][1]["deactivated"] == extra, timings["sync"][1]["deactivated"]
                    pairs.append((timings["sync"][0] / timings["add"][0], timings))
                    log("%9d rows  sync (deactivates %d) %.2f s vs add %.2f s: ratio %.2f (%s first)" % (
                        size, extra, timings["sync"][0], timings["add"][0], pairs[-1][0], order[0]))
                ratio, timings = sorted(pairs, key=lambda p: p[0])[len(pairs) // 2]
                log("%9d rows  sync / add, median of %d: %.2f (target 1.5)" % (size, len(pairs), ratio))
                results.append(dict(size=size, scenario="sync deactivating 5%% vs add", sync_over_add=ratio,
                                    ratios=[p[0] for p in pairs], target=1.5))

            # 6. the same users as a OneRoster 1.1 bundle (zip) and as a Rollcall CSV: new users both, each
            #    into a fresh empty school (so that neither meets the other's members), alternating which
            #    goes first; the median of the per-pair ratios
            if size <= 100_000 and want("oneroster"):
                pairs = []
                for r in range(repeats):
                    csv_school, csv_token = school_and_admin(api, operator, "Bench OneRoster CSV %d" % r)
                    zip_school, zip_token = school_and_admin(api, operator, "Bench OneRoster zip %d" % r)
                    as_csv = os.path.join(workdir, "or-csv-%d.csv" % size)
                    roster(as_csv, size, csv_school, who=lambda i, r=r: "oc%s%d-%d" % (run, r, i))
                    as_zip = write_oneroster_bundle(os.path.join(workdir, "or-bundle-%d.zip" % size), size, zip_school,
                                                    who=lambda i, r=r: "ob%s%d-%d" % (run, r, i))
                    order = ("csv", "bundle") if r % 2 == 0 else ("bundle", "csv")
                    timings = {}
                    for kind in order:
                        timings[kind] = timed_import(api, heap, csv_token, as_csv) if kind == "csv" \
                            else timed_import(api, heap, zip_token, as_zip)
                    assert timings["bundle"][1]["created"] == timings["csv"][1]["created"], timings
                    pairs.append(timings["bundle"][0] / timings["csv"][0])
                    log("%9d rows  OneRoster bundle %.2f s vs CSV %.2f s: ratio %.2f (%s first)" % (
                        size, timings["bundle"][0], timings["csv"][0], pairs[-1], order[0]))
                ratio = statistics.median(pairs)
                log("%9d rows  OneRoster / CSV, median of %d: %.2f (target 1.2)" % (size, len(pairs), ratio))
                results.append(dict(size=size, scenario="OneRoster bundle vs CSV", bundle_over_csv=ratio, ratios=pairs,
                                    target=1.2))

            # 7. a 1,000-row upload while a large import runs
            if size >= 1_000_000 and want("concurrent"):
                small_school, small_token = school_and_admin(api, operator, "Bench small")
                small = os.path.join(workdir, "small.csv")
                roster(small, 1000, small_school, who=lambda i: "s%s%d" % (run, i))
                big = file("big", who=lambda i: "b%s%d" % (run, i))
                heap.reset()
                start = time.monotonic()
                big_id = api.upload(token, big)
                while api.call("GET", "/api/v1/imports/%s" % big_id, token)[1]["status"] == "QUEUED":
                    time.sleep(0.1)
                time.sleep(2)
                small_start = time.monotonic()
                small_report = api.await_end(small_token, api.upload(small_token, small))
                small_seconds = time.monotonic() - small_start
                assert small_report["status"] == "COMPLETED", small_report
                big_status = api.call("GET", "/api/v1/imports/%s" % big_id, token)[1]["status"]
                report = api.await_end(token, big_id)
                seconds = time.monotonic() - start
                log("%9d rows  1,000-row upload during a 1M import: %.2f s (target < 1 s; the large one was %s)" % (
                    size, small_seconds, big_status))
                results.append(dict(size=1000, scenario="1,000 rows during a 1M import", seconds=small_seconds,
                                    large_still_running=big_status == "RUNNING"))
                paired("new (beside the 1,000-row one)", 1, lambda r: (seconds, report), "-")
    finally:
        heap.stop()
        stop(server)
    with open(os.path.join(workdir, "results.json"), "w") as out:
        json.dump(results, out, indent=1)
    log("results: %s/results.json; server log: %s/rollcall.log" % (workdir, workdir))
    if not os.environ.get("BENCH_KEEP_FILES"):
        for path in glob.glob(os.path.join(workdir, "*.csv")) + glob.glob(os.path.join(workdir, "*.zip")):
            os.remove(path)


if __name__ == "__main__":
    main()
