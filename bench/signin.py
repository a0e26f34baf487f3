#!/usr/bin/env python3
"""Rollcall sign-in benchmark: the first day of term's first sign-ins, through the portal's real forms.

Starts Rollcall from the jar (as bench.py does) against a PostgreSQL database of its own, and for each
concurrency level makes a school of 2,200 members (2,000 students and 200 instructors, imported with a
custom password), then lets that many students at once each sign in with the temporary password and
replace it, as a browser does, while one admin pages through the school's users page. Prints:

- journeys/s, errors, and busy answers (503 SERVER_BUSY: the student waits Retry-After and sends the
  form again, as a person would; a journey is 7 requests: GET /login, POST /login, GET / -> /change-password,
  GET /change-password, POST /change-password, GET /?passwordChanged -> /home, GET /home);
- the hashing ceiling measured in the same run: cores / the time of one bcrypt hash (Spring Security's
  BCryptPasswordEncoder, cost 10, timed in a JVM of its own just before each level), divided by the
  hashes a journey needs (2), and journeys/s as a share of it;
- p50/p95 of the admin's users-page GETs during the sign-ins, and with nobody signing in;
- where the cores went during the sign-ins (Linux, from /proc): bcrypt inside Rollcall (its own
  rollcall_password_hash_cpu_seconds_total), Rollcall's other work (requests, sessions, pages), its
  JIT compiler and garbage collector threads, PostgreSQL, this load generator, idle; and the CPU
  time of one hash inside Rollcall, next to the one timed apart.

Standard library only; needs psql, createdb, dropdb and a JDK (java). See docs/benchmarks.md.
"""
import argparse
import glob
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the import benchmark's server start, API client and school set-up)

TEMPORARY = "First-Day-Temporary-1"
CHOSEN = "My-Own-Password-22"
CSRF = re.compile(r'name="_csrf" value="([^"]+)"')


def log(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------- a browser, roughly

class Browser:
    """One person's browser: a kept-alive connection, the session cookie, no redirect followed."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies = {}
        self.retry_after = None

    def request(self, method, path, form=None):
        headers = {"Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.retry_after = response.getheader("Retry-After")
        location = response.getheader("Location") or ""
        return response.status, urllib.parse.urlsplit(location).path + (
            "?" + urllib.parse.urlsplit(location).query if urllib.parse.urlsplit(location).query else ""), text

    def close(self):
        self.connection.close()


class Unexpected(Exception):
    pass


def expect(answer, status, location=None):
    got_status, got_location, text = answer
    if got_status != status or (location is not None and got_location != location):
        raise Unexpected("%s %s" % (got_status, got_location))
    return text


def csrf(text):
    match = CSRF.search(text)
    if not match:
        raise Unexpected("no CSRF field")
    return match.group(1)


def patiently(browser, path, form, busy):
    """A POST that needs a hash; on 503 SERVER_BUSY the person waits Retry-After and sends it again."""
    for _ in range(20):
        answer = browser.request("POST", path, form)
        if answer[0] != 503:
            return answer
        busy[0] += 1
        time.sleep(float(browser.retry_after or 5))
    return answer


def first_sign_in(port, email, busy):
    """The 7 requests of a first sign-in with the temporary password and the forced change."""
    browser = Browser(port)
    try:
        token = csrf(expect(browser.request("GET", "/login"), 200))
        expect(patiently(browser, "/login", {"email": email, "password": TEMPORARY, "_csrf": token}, busy), 302, "/")
        expect(browser.request("GET", "/"), 302, "/change-password")
        token = csrf(expect(browser.request("GET", "/change-password"), 200))
        # The temporary password goes along: a Rollcall that still asks for it (main before issue 17) gets it.
        expect(patiently(browser, "/change-password", {"currentPassword": TEMPORARY, "newPassword": CHOSEN,
                                                       "confirmPassword": CHOSEN, "_csrf": token}, busy),
               302, "/?passwordChanged")
        expect(browser.request("GET", "/?passwordChanged"), 302, "/home")
        expect(browser.request("GET", "/home"), 200)
    finally:
        browser.close()


def admin_browser(port, email, password):
    browser = Browser(port)
    token = csrf(expect(browser.request("GET", "/login"), 200))
    expect(browser.request("POST", "/login", {"email": email, "password": password, "_csrf": token}), 302, "/")
    return browser


class Pager(threading.Thread):
    """An admin paging through the school's users page, one GET after the other, timing each."""

    def __init__(self, port, email, password, school, pages):
        super().__init__(daemon=True)
        self.browser = admin_browser(port, email, password)
        self.school, self.pages = school, pages
        self.latencies, self.errors = [], 0
        self.stopping = threading.Event()

    def run(self):
        page = 0
        while not self.stopping.is_set():
            start = time.monotonic()
            status, _, _ = self.browser.request("GET", "/setup/users?school=%s&page=%d" % (self.school, page))
            self.latencies.append(time.monotonic() - start)
            if status != 200:
                self.errors += 1
            page = (page + 1) % self.pages
            time.sleep(0.05)

    def stop(self):
        self.stopping.set()
        self.join()
        self.browser.close()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


# ---------------------------------------------------------------- one bcrypt hash, timed apart

HASH_TIMER = r"""
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
public class HashTimer {
    public static void main(String[] args) {
        var bcrypt = new BCryptPasswordEncoder();
        var hash = bcrypt.encode("warm-up-password");
        for (int i = 0; i < 10; i++) bcrypt.matches("warm-up-password", hash);
        var times = new long[Integer.parseInt(args[0])];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            bcrypt.matches("a-password-" + i, hash);
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        System.out.println(times[times.length / 2] / 1e9);
    }
}
"""


def crypto_jar():
    jars = sorted(glob.glob(os.path.expanduser(
        "~/.m2/repository/org/springframework/security/spring-security-crypto/*/spring-security-crypto-*.jar")))
    jars = [j for j in jars if not j.endswith(("-sources.jar", "-javadoc.jar"))]
    if not jars:
        sys.exit("spring-security-crypto is not in ~/.m2: build Rollcall with Maven first")
    return jars[-1]


def single_hash_seconds(workdir, count=30):
    """Median time of one bcrypt (cost 10) check on one core of this machine, now."""
    source = os.path.join(workdir, "HashTimer.java")
    with open(source, "w") as f:
        f.write(HASH_TIMER)
    logging_jar = sorted(j for j in glob.glob(os.path.expanduser(
        "~/.m2/repository/commons-logging/commons-logging/*/commons-logging-*.jar"))
        if not j.endswith(("-sources.jar", "-javadoc.jar")))
    classpath = os.pathsep.join([crypto_jar()] + logging_jar[-1:])
    out = subprocess.run(["java", "-cp", classpath, source, str(count)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- where the cores go

def stat_ticks(path):
    """utime + stime from a /proc .../stat file, in clock ticks; 0 once the process or thread is gone."""
    try:
        with open(path) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def ticks_of(pid):
    """A process's clock ticks, all its threads (ended ones included)."""
    return stat_ticks("/proc/%d/stat" % pid)


def thread_ticks(pid):
    """Clock ticks of the JIT compiler's and the garbage collector's threads of a JVM: (jit, gc)."""
    jit = gc = 0
    try:
        tasks = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return 0, 0
    for task in tasks:
        try:
            with open("/proc/%d/task/%s/comm" % (pid, task)) as f:
                name = f.read()
        except OSError:
            continue
        if "CompilerThre" in name:
            jit += stat_ticks("/proc/%d/task/%s/stat" % (pid, task))
        elif name.startswith(("GC Thread", "G1 ", "VM Thread")):
            gc += stat_ticks("/proc/%d/task/%s/stat" % (pid, task))
    return jit, gc


def postgres_ticks():
    total = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/comm" % entry) as f:
                    if f.read().startswith("postgres"):
                        total += ticks_of(int(entry))
            except OSError:
                pass
    return total


def machine_ticks():
    """(busy, all) clock ticks of the whole machine since boot."""
    with open("/proc/stat") as f:
        # user .. steal; guest and guest_nice are already inside user and nice.
        values = [int(v) for v in f.readline().split()[1:9]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


def hashing_meters(port, token):
    """Rollcall's own password-hashing series (both lanes summed): hashes and their CPU seconds."""
    request = urllib.request.Request("http://127.0.0.1:%d/actuator/prometheus" % port,
                                     headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read().decode()
    meters = {"hashes": 0.0, "cpu": 0.0}
    for line in text.splitlines():
        if line.startswith("rollcall_password_hashes_seconds_count{"):
            meters["hashes"] += float(line.rsplit(" ", 1)[1])
        elif line.startswith("rollcall_password_hash_cpu_seconds_total{"):
            meters["cpu"] += float(line.rsplit(" ", 1)[1])
    return meters


class CpuClock:
    """Cores used by each part over an interval: Rollcall's JVM, PostgreSQL, this generator, the machine."""

    def __init__(self, server_pid, port, token):
        self.server_pid, self.port, self.token = server_pid, port, token

    def read(self):
        busy, total = machine_ticks()
        jit, gc = thread_ticks(self.server_pid)
        return {"time": time.monotonic(), "rollcall": ticks_of(self.server_pid), "jit": jit, "gc": gc,
                "postgres": postgres_ticks(),
                "generator": ticks_of(os.getpid()), "busy": busy, "total": total,
                "meters": hashing_meters(self.port, self.token)}

    @staticmethod
    def cores(start, end):
        tick = os.sysconf("SC_CLK_TCK")
        seconds = end["time"] - start["time"]
        # Threads and backends that ended during the interval take their ticks with them (HotSpot stops
        # idle compiler threads, pools close connections): their parts read low, never below zero, and
        # a stopped compiler thread's time shows in Rollcall's other work.
        used = {k: max(0.0, (end[k] - start[k]) / tick / seconds)
                for k in ("rollcall", "jit", "gc", "postgres", "generator", "busy")}
        hashes = end["meters"]["hashes"] - start["meters"]["hashes"]
        hash_cpu = end["meters"]["cpu"] - start["meters"]["cpu"]
        used["bcrypt"] = hash_cpu / seconds
        used["rollcall_other"] = max(0.0, used["rollcall"] - used["bcrypt"] - used["jit"] - used["gc"])
        used["idle"] = os.cpu_count() * (1 - (end["busy"] - start["busy"]) / max(1, end["total"] - start["total"]))
        used["hash_cpu_ms"] = hash_cpu / hashes * 1000 if hashes else float("nan")
        return used


# ---------------------------------------------------------------- the run

def level(args, api, operator, concurrency, workdir, server):
    school, admin_token = bench.school_and_admin(api, operator, "Sign-in %d" % concurrency)
    admin_email = "admin-%s@bench.example.com" % school.lower()
    path = os.path.join(workdir, "students-%d.csv" % concurrency)
    students = []
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(bench.HEADER)
        for i in range(args.students + args.students // 10):
            email = "s%d-%s@bench.example.com" % (i, school.lower())
            teacher = i >= args.students
            if not teacher:
                students.append(email)
            out.write("First%d,Last%05d,%s,%d,I%d,%s\n" % (i, (i * 7919) % 100000, email, 1 if teacher else 0, i, school))
    import_id = api.upload(admin_token, path, customPassword=TEMPORARY)
    report = api.await_end(admin_token, import_id)
    assert report["status"] == "COMPLETED" and report["created"] == len(students) + args.students // 10, report
    pages = (len(students) + args.students // 10 + 49) // 50

    idle = Pager(args.port, admin_email, bench.ADMIN_PASSWORD, school, pages)
    idle.start()
    time.sleep(args.idle_seconds)
    idle.stop()

    hash_seconds = single_hash_seconds(workdir)
    cores = os.cpu_count()
    ceiling = cores / hash_seconds / 2

    pager = Pager(args.port, admin_email, bench.ADMIN_PASSWORD, school, pages)
    queue = list(reversed(students))
    lock = threading.Lock()
    errors, busy = [], [0]

    def student():
        while True:
            with lock:
                if not queue:
                    return
                email = queue.pop()
            try:
                first_sign_in(args.port, email, busy)
            except Unexpected as e:
                errors.append(str(e))
            except OSError as e:
                errors.append(repr(e))

    threads = [threading.Thread(target=student, daemon=True) for _ in range(concurrency)]
    clock = CpuClock(server.pid, args.port, operator)
    start = time.monotonic()
    cpu_start = clock.read()
    pager.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu = CpuClock.cores(cpu_start, clock.read())
    seconds = time.monotonic() - start
    pager.stop()
    journeys = len(students) - len(errors)
    rate = journeys / seconds
    result = {
        "concurrency": concurrency, "journeys": journeys, "errors": len(errors), "busy": busy[0],
        "seconds": seconds, "rate": rate, "hash_ms": hash_seconds * 1000, "ceiling": ceiling,
        "share": rate / ceiling,
        "idle_p50": percentile(idle.latencies, 50) * 1000, "idle_p95": percentile(idle.latencies, 95) * 1000,
        "page_p50": percentile(pager.latencies, 50) * 1000, "page_p95": percentile(pager.latencies, 95) * 1000,
        "pages": len(pager.latencies), "page_errors": pager.errors + idle.errors,
    }
    result.update({"cpu_" + k: v for k, v in cpu.items()})
    if errors:
        log("  first errors:", errors[:5])
    return result


def operator_token(api):
    """The operator's token; health answers UP before the first operator is made (a bcrypt hash later)."""
    for _ in range(120):
        status, body = api.call("POST", "/api/v1/tokens", basic=bench.OPERATOR)
        if status == 201:
            return body["token"]
        time.sleep(0.5)
    sys.exit("The bootstrap operator cannot get a token: %s" % body)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=2000, help="students per level (plus a tenth as instructors)")
    parser.add_argument("--concurrency", default="8,32", help="students signing in at once, per level")
    parser.add_argument("--db", default="rollcall_signin_bench", help="PostgreSQL database, dropped and created again")
    parser.add_argument("--port", type=int, default=18081)
    parser.add_argument("--xmx", default="512m")
    parser.add_argument("--idle-seconds", type=float, default=10, help="users-page GETs timed before the sign-ins")
    parser.add_argument("--project", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    args = parser.parse_args()
    args.h2 = False

    workdir = tempfile.mkdtemp(prefix="rollcall-signin-")
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.db], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.db], check=True)
    server, api = bench.start_server(args, workdir)
    results = []
    try:
        operator = operator_token(api)
        log("PostgreSQL %s, Rollcall -Xmx%s, %d cores, log in %s" % (args.db, args.xmx, os.cpu_count(), workdir))
        for concurrency in [int(c) for c in args.concurrency.split(",")]:
            result = level(args, api, operator, concurrency, workdir, server)
            results.append(result)
            log("concurrency %(concurrency)d: %(journeys)d journeys in %(seconds).1f s = %(rate).2f/s, "
                "%(errors)d errors, %(busy)d busy answers (waited and sent again); one hash %(hash_ms).0f ms, ceiling %(ceiling).2f/s, "
                "share %(share).2f; users page p50/p95 %(page_p50).0f/%(page_p95).0f ms over %(pages)d GETs "
                "(idle %(idle_p50).0f/%(idle_p95).0f ms), %(page_errors)d page errors; one hash in Rollcall "
                "%(cpu_hash_cpu_ms).0f ms of CPU; cores: bcrypt %(cpu_bcrypt).2f, the rest of Rollcall's requests "
                "%(cpu_rollcall_other).2f, its JIT compiler %(cpu_jit).2f and GC %(cpu_gc).2f, PostgreSQL %(cpu_postgres).2f, this generator %(cpu_generator).2f, "
                "idle %(cpu_idle).2f" % result)
    finally:
        server.terminate()
        server.wait()
    log("")
    log("| concurrency | journeys/s | errors | busy answers | one hash (ms) | ceiling (journeys/s) | share of ceiling | "
        "users page p50 / p95 (ms), signing in | idle |")
    log("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        log("| %(concurrency)d | %(rate).2f | %(errors)d | %(busy)d | %(hash_ms).0f | %(ceiling).2f | %(share).2f | "
            "%(page_p50).0f / %(page_p95).0f | %(idle_p50).0f / %(idle_p95).0f |" % r)
    log("")
    log("| concurrency | one hash in Rollcall, CPU (ms) | cores: bcrypt | Rollcall's other work | its JIT compiler | "
        "its GC | PostgreSQL | this generator | idle |")
    log("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        log("| %(concurrency)d | %(cpu_hash_cpu_ms).0f | %(cpu_bcrypt).2f | %(cpu_rollcall_other).2f | %(cpu_jit).2f | "
            "%(cpu_gc).2f | %(cpu_postgres).2f | %(cpu_generator).2f | %(cpu_idle).2f |" % r)


if __name__ == "__main__":
    main()
