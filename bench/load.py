#!/usr/bin/env python3
"""The first day of term, against a cluster: bin/rollcall-cluster (two instances behind HAProxy on one
PostgreSQL) with a local SMTP sink. Within one minute 50 schools upload a 2,000-row file each (5 of
them with welcome emails); over two minutes 2,000 students sign in for the first time with a
temporary password and choose their own (the forced change); meanwhile admins page through the
users page and the import history. Prints throughput, p50/p95/p99 per request type and errors.

With --kill-at SECONDS, instance 2 is killed with SIGKILL that many seconds into the run; the
script then checks that every import completed exactly once, that no student's session was lost
and that no email arrived twice. Standard library only (Python 3.11: smtpd for the SMTP sink).
See docs/benchmarks.md, section "The first day of term".
"""
import argparse

import collections
import http.client
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)
import asyncore  # noqa: E402  (smtpd's loop: Python 3.11)
import smtpd  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import Api  # noqa: E402

OPERATOR = ("operator@load.example.com", "load-operator-1")
TEMPORARY = "Temporary-2026-load"
HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID\n"


def psql(db, sql):
    return subprocess.run(["psql", "-X", "-tA", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", db,
                           "-c", sql], text=True, check=True, capture_output=True).stdout.strip()


class Recorder:
    """Latency per request type, and errors."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times = collections.defaultdict(list)
        self.errors = collections.Counter()
        self.examples = {}

    def record(self, kind, seconds, ok, detail=""):
        with self.lock:
            self.times[kind].append(seconds)
            if not ok:
                self.errors[kind] += 1
                self.examples.setdefault(kind, detail)

    def table(self, wall):
        lines = ["| request | count | per second | p50 ms | p95 ms | p99 ms | errors |", "|---|---|---|---|---|---|---|"]
        for kind in sorted(self.times):
            values = sorted(self.times[kind])
            q = lambda p: values[min(len(values) - 1, int(p * len(values)))] * 1000  # noqa: E731
            lines.append("| %s | %d | %.1f | %.0f | %.0f | %.0f | %d |" % (
                kind, len(values), len(values) / wall, q(0.5), q(0.95), q(0.99), self.errors[kind]))
        return "\n".join(lines)


class Browser:
    """A browser: cookies, no automatic redirects (each request is timed on its own)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base, recorder):
        self.base = base
        self.recorder = recorder
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  Browser.NoRedirect)

    def request(self, kind, method, path, form=None, expect=(200,)):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        start = time.monotonic()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, body, location = response.status, response.read().decode(errors="replace"), None
        except urllib.error.HTTPError as e:
            status, body, location = e.code, e.read().decode(errors="replace"), e.headers.get("Location")
        except (OSError, http.client.HTTPException) as e:
            status, body, location = 0, "%s: %s" % (type(e).__name__, e), None
        ok = status in expect
        self.recorder.record(kind, time.monotonic() - start, ok, "%s %s -> %s %s" % (method, path, status, location))
        return ok, status, body, location


def csrf(body):
    match = re.search(r'name="_csrf" value="([^"]+)"', body)
    return match.group(1) if match else ""


def student_journey(base, recorder, email, outcome):
    """Sign in with the temporary password, choose a new one, see the home page, sign out."""
    b = Browser(base, recorder)
    ok, _, page, _ = b.request("login page", "GET", "/login")
    ok = ok and b.request("sign in", "POST", "/login", {"email": email, "password": TEMPORARY, "_csrf": csrf(page)},
                          expect=(302,))[0]
    ok2, _, page, _ = b.request("change password page", "GET", "/change-password")
    new = "Mine-" + uuid.uuid4().hex[:12]
    ok3 = b.request("change password", "POST", "/change-password", {
        "currentPassword": TEMPORARY, "newPassword": new, "confirmPassword": new, "_csrf": csrf(page)},
        expect=(302, 303))[0]
    ok4, _, page, _ = b.request("home", "GET", "/home")
    signed_in = ok4 and "Sign out" in page
    ok5 = b.request("sign out", "POST", "/logout", {"_csrf": csrf(page)}, expect=(302,))[0]
    outcome.append(ok and ok2 and ok3 and signed_in and ok5)


def admin_pager(base, recorder, email, password, school, stop):
    b = Browser(base, recorder)
    _, _, page, _ = b.request("login page", "GET", "/login")
    b.request("sign in", "POST", "/login", {"email": email, "password": password, "_csrf": csrf(page)}, expect=(302,))
    n = 0
    while not stop.is_set():
        b.request("users page", "GET", "/setup/users?school=%s&page=%d" % (school, n % 20))
        b.request("import history", "GET", "/setup/imports?page=%d" % (n % 3))
        n += 1
        time.sleep(0.5)


class Sink(smtpd.SMTPServer):
    def __init__(self, port):
        super().__init__(("127.0.0.1", port), None, decode_data=False)
        self.received = collections.Counter()

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        for to in rcpttos:
            self.received[to.lower()] += 1


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_by_component(cluster_dir):
    """CPU seconds so far: Rollcall's threads grouped by name, PostgreSQL, HAProxy, this script."""
    usage = collections.Counter()

    def add(stat_path, label):
        try:
            with open(stat_path) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            usage[label] += (int(fields[11]) + int(fields[12])) / TICKS
        except (OSError, IndexError):
            pass

    for pid_file in sorted(os.listdir(cluster_dir)):
        if pid_file.startswith("instance-") and pid_file.endswith(".pid"):
            pid = open(os.path.join(cluster_dir, pid_file)).read().strip()
            for task in os.listdir("/proc/%s/task" % pid) if os.path.isdir("/proc/%s/task" % pid) else []:
                try:
                    name = open("/proc/%s/task/%s/comm" % (pid, task)).read().strip()
                except OSError:
                    continue
                group = ("rollcall: request threads (bcrypt, pages, API)" if name.startswith("http-nio")
                         else "rollcall: import workers" if name.startswith("import-")
                         else "rollcall: mail relay" if name.startswith("mail-relay")
                         else "rollcall: JIT and GC" if name.startswith(("C1 ", "C2 ", "GC ", "G1 "))
                         else "rollcall: other threads")
                add("/proc/%s/task/%s/stat" % (pid, task), group)
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                name = open("/proc/%s/comm" % pid).read().strip()
            except OSError:
                continue
            if name in ("postgres", "haproxy"):
                add("/proc/%s/stat" % pid, "PostgreSQL" if name == "postgres" else "HAProxy")
    add("/proc/self/stat", "load generator (this script)")
    return usage


def cluster(*args, env):
    subprocess.run(["bin/rollcall-cluster", *args], check=True, env=env)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--rows", type=int, default=2000, help="rows per school's file")
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--upload-window", type=float, default=60)
    parser.add_argument("--sign-in-window", type=float, default=120)
    parser.add_argument("--kill-at", type=float, default=None, help="SIGKILL instance 2 this many seconds in")
    parser.add_argument("--port", type=int, default=28080)
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    args = parser.parse_args()

    database = "rollcall_load"
    smtp_port = args.port + 25
    env = dict(os.environ, ROLLCALL_CLUSTER_PORT=str(args.port), ROLLCALL_CLUSTER_DATABASE=database,
               ROLLCALL_CLUSTER_DIR="target/cluster-load", ROLLCALL_BOOTSTRAP_OPERATOR_EMAIL=OPERATOR[0],
               ROLLCALL_BOOTSTRAP_OPERATOR_PASSWORD=OPERATOR[1], SPRING_MAIL_HOST="127.0.0.1",
               SPRING_MAIL_PORT=str(smtp_port), ROLLCALL_MAIL_RATE_PER_MINUTE="100000",
               ROLLCALL_MAIL_STUCK_AFTER="20s", ROLLCALL_IMPORT_MAX_CONCURRENT_UPLOADS="50",
               ROLLCALL_SECURITY_MAX_FAILURES_PER_ADDRESS="100000", JAVA_OPTS="-Xmx512m",
               # Both instances share this machine's cores: half the cores' hashing places each keeps bcrypt to the cores.
               ROLLCALL_SECURITY_HASHING_CONCURRENCY=str(max(1, os.cpu_count() // 2)))
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", database], check=True)
    sink = Sink(smtp_port)
    threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.5}, daemon=True).start()
    cluster("start", env=env)
    base = "http://127.0.0.1:%d" % args.port
    api = Api(base)
    recorder = Recorder()
    try:
        operator = api.token(*OPERATOR)
        work = tempfile.mkdtemp(prefix="rollcall-load-")
        # 50 schools with an admin each, and 2,000 students with a temporary password (one more school).
        schools = []
        for s in range(args.schools + 1):
            school = "L%03d" % s
            status, body = api.json("POST", "/api/v1/schools", operator, {"schoolId": school, "name": "Load %d" % s})
            assert status == 201, body
            email = "admin-%s@load.example.com" % school.lower()
            status, body = api.json("POST", "/api/v1/schools/%s/admins" % school, operator,
                                    {"email": email, "firstName": "Load", "lastName": "Admin", "password": "load-admin-1"})
            assert status == 201, body
            schools.append((school, email))
        students_school, students_admin = schools.pop()
        students = ["student-%d@load.example.com" % i for i in range(args.students)]
        path = os.path.join(work, "students.csv")
        with open(path, "w") as out:
            out.write(HEADER + "".join("S%d,Load,%s,0,S%d,%s\n" % (i, e, i, students_school) for i, e in enumerate(students)))
        admin_token = api.token(students_admin, "load-admin-1")
        report = api.await_end(admin_token, api.upload(admin_token, path, customPassword=TEMPORARY))
        assert report["status"] == "COMPLETED" and report["created"] == args.students, report
        files = []
        for s, (school, admin) in enumerate(schools):
            path = os.path.join(work, "%s.csv" % school)
            with open(path, "w") as out:
                out.write(HEADER + "".join("F%d,School%d,u%d-%s@load.example.com,%d,I%d,%s\n" % (
                    i, s, i, school.lower(), 1 if i % 20 == 0 else 0, i, school) for i in range(args.rows)))
            files.append((school, admin, path, s < 5))
        print("set up: %d schools, %d students; starting the run" % (len(schools), len(students)), flush=True)

        stop = threading.Event()
        threads, outcomes, imports = [], [], {}
        cpu_before = cpu_by_component(env["ROLLCALL_CLUSTER_DIR"])
        start = time.monotonic()

        def uploader(school, admin, path, welcome, at):
            time.sleep(max(0, at - (time.monotonic() - start)))
            t = time.monotonic()
            status, body = api.call("POST", "/api/v1/tokens", basic=(admin, "load-admin-1"))
            recorder.record("admin API token", time.monotonic() - t, status == 201, ("%s %s" % (status, body))[:200])
            if status != 201:
                return
            token = body["token"]
            t = time.monotonic()
            options = {"sendWelcomeEmails": "true"} if welcome else {}
            try:
                imports[school] = (token, api.upload(token, path, **options))
                recorder.record("upload (2,000 rows)", time.monotonic() - t, True)
            except AssertionError as e:
                recorder.record("upload (2,000 rows)", time.monotonic() - t, False, str(e)[:200])

        for n, (school, admin, path, welcome) in enumerate(files):
            threads.append(threading.Thread(target=uploader, args=(school, admin, path, welcome,
                                                                   n * args.upload_window / len(files))))
        pagers = [threading.Thread(target=admin_pager, args=(base, recorder, admin, "load-admin-1", school, stop))
                  for school, admin, _, _ in files[:5]]
        pool = []

        def students_arrive():
            for n, email in enumerate(students):
                time.sleep(max(0, n * args.sign_in_window / len(students) - (time.monotonic() - start)))
                while sum(t.is_alive() for t in pool) >= 64:
                    time.sleep(0.01)
                t = threading.Thread(target=student_journey, args=(base, recorder, email, outcomes))
                t.start()
                pool.append(t)

        arrivals = threading.Thread(target=students_arrive)
        for t in threads + pagers + [arrivals]:
            t.start()
        if args.kill_at is not None:
            time.sleep(max(0, args.kill_at - (time.monotonic() - start)))
            print("killing instance 2 (SIGKILL) at %.0f s" % (time.monotonic() - start), flush=True)
            cluster("kill", "2", env=env)
        for t in threads + [arrivals]:
            t.join()
        for t in pool:
            t.join()
        finished = {}
        for school, (token, import_id) in imports.items():
            finished[school] = api.await_end(token, import_id, poll=0.5)
        wall = time.monotonic() - start
        cpu = cpu_by_component(env["ROLLCALL_CLUSTER_DIR"])
        cpu.subtract(cpu_before)
        stop.set()
        for t in pagers:
            t.join()

        # Exactly once: each school's file created its 2,000 accounts, once.
        completed = sum(1 for r in finished.values() if r["status"] == "COMPLETED" and r["created"] == args.rows)
        accounts = int(psql(database, "select count(*) from membership where school_id like 'L%%' and school_id <> '%s'"
                            % students_school))
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and int(psql(database, "select count(*) from outbox where status in "
                                                                 "('PENDING', 'SENDING')")) > 0:
            time.sleep(1)
        twice = sum(1 for n in sink.received.values() if n > 1)
        unsure = int(psql(database, "select count(*) from outbox where status = 'FAILED'"))
        print()
        print("wall %.1f s; imports completed exactly once: %d of %d (memberships %d, expected %d); "
              "student journeys completed: %d of %d (%.1f/s); emails received %d, twice %d, not resent after "
              "a crash %d" % (wall, completed, len(files), accounts, len(files) * args.rows, sum(outcomes),
                              len(students), sum(outcomes) / wall, len(sink.received), twice, unsure))
        print()
        print(recorder.table(wall))
        for kind, example in recorder.examples.items():
            print("first error of %s: %s" % (kind, example))
        print()
        print("| where the CPU went (a killed instance's threads are not counted after the kill) | CPU s | share |")
        print("|---|---|---|")
        total = sum(v for v in cpu.values() if v > 0)
        for label, seconds in cpu.most_common():
            if seconds > 0:
                print("| %s | %.1f | %.0f%% |" % (label, seconds, 100 * seconds / total))
    finally:
        if not args.keep:
            cluster("stop", env=env)


if __name__ == "__main__":
    main()
