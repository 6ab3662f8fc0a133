"""Graceful shutdown: SIGTERM ten times, each while twelve clients load a database-heavy page
(the annual report), and each time:
- the process exits with status 0 and no crash in its log (it used to die with SIGILL,
  "Unexpectedly found nil" in Request.db, when the databases closed under running requests);
- every request either completed (200 and the whole body) or was refused before any of its
  answer was sent (connection refused or reset, as a load balancer retries);
- the port is free for a new instance within 5 seconds, and the next instance starts on it;
- /ready answered 200 before the signal.

Then, with LOG_FORMAT=json, every line the server writes is one JSON object, and a signed-in
request's line carries its route pattern, status, duration, the user's id and the id its answer
carried in X-Request-Id, and never an email address.

usage: python Tests/e2e/graceful_shutdown.py
"""
import http.client
import os
import signal
import socket
import tempfile
import threading
import time

import json
import re
import uuid

from support import Client, Server, Suite

TERMS = int(os.environ.get("SHUTDOWN_TERMS", "10"))
CLIENTS = 12
PAGE = "/annual/2019-20"
REFUSED = (ConnectionRefusedError, ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected)


def port_free_within(port, seconds):
    """Seconds until a new listener can bind the port (as the server does, with SO_REUSEADDR)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        probe = socket.socket()
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
            return time.monotonic() - started
        except OSError:
            time.sleep(0.05)
        finally:
            probe.close()
    return None


class Load:
    """Clients each asking for the page on a new connection, again and again, until stopped."""

    def __init__(self, port):
        self.port = port
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.completed = 0
        self.refused = 0
        self.bad = []
        self.threads = [threading.Thread(target=self.client, daemon=True) for _ in range(CLIENTS)]

    def one(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", PAGE, headers={"Connection": "close"})
            response = connection.getresponse()
            body = response.read()  # raises IncompleteRead if the answer is cut short
            if response.status != 200:
                return f"status {response.status}"
            if b"</html>" not in body:
                return "a page without its end"
            return None
        finally:
            connection.close()

    def client(self):
        while not self.stopping.is_set():
            try:
                problem = self.one()
            except REFUSED:
                with self.lock:
                    self.refused += 1
                time.sleep(0.02)
                continue
            except Exception as error:  # a cut-short answer, a timeout: not clean
                problem = f"{type(error).__name__}: {error}"
            with self.lock:
                if problem:
                    self.bad.append(problem)
                else:
                    self.completed += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=90)


def main():
    suite = Suite("graceful shutdown")
    workdir = tempfile.mkdtemp(prefix="inspectorate-shutdown-")
    server = Server(workdir, password_cost=4)
    state = {}

    def set_up():
        server.command("demo")

    suite.check("the demo data on a fresh SQLite database", set_up)

    def one_term(number):
        def check():
            if number > 1:
                waited = port_free_within(server.port, 5)
                assert waited is not None, f"port {server.port} still held 5 s after the last instance exited"
                state.setdefault("waits", []).append(waited)
            server.start()
            ready = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            ready.request("GET", "/ready")
            answer = ready.getresponse()
            assert answer.status == 200, f"/ready answered {answer.status}: {answer.read()[:300]!r}"
            ready.close()
            # One request first, so the load is on a warm page as a running service's is.
            warm = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
            warm.request("GET", PAGE)
            assert warm.getresponse().status == 200
            warm.close()
            with Load(server.port) as load:
                time.sleep(1.5)
                signalled = time.monotonic()
                server.process.send_signal(signal.SIGTERM)
                try:
                    status = server.process.wait(timeout=30)
                except Exception:
                    server.kill()
                    raise AssertionError("the server had not exited 30 s after SIGTERM")
                took = time.monotonic() - signalled
            log = open(os.path.join(workdir, f"server-{server.starts}.log"), errors="replace").read()
            assert "Fatal error" not in log and "Crash" not in log, f"the server crashed: {log[-1500:]}"
            assert status == 0, f"exit status {status}; log ends: {log[-800:]}"
            assert load.completed > 0, "no request completed before the signal"
            assert not load.bad, f"{len(load.bad)} requests neither completed nor were refused cleanly: {load.bad[:5]}"
            print(f"       exit 0 in {took:.2f} s; {load.completed} completed, {load.refused} refused", flush=True)

        return check

    for number in range(1, TERMS + 1):
        suite.check(f"SIGTERM {number} of {TERMS} under load: exit 0, no crash, nothing cut short, the port free", one_term(number))

    def restarts():
        waited = port_free_within(server.port, 5)
        assert waited is not None, "the port is held after the last exit"
        server.start()
        server.stop()
        waits = state.get("waits", [])
        print(f"       the port was free again after at most {max(waits, default=0):.2f} s", flush=True)

    suite.check("a new instance binds the port after the last SIGTERM", restarts)

    def json_logs():
        server.env["LOG_FORMAT"] = "json"
        server.start()
        lead = Client(server.url).sign_in("lead@demo.test")
        answer = lead.get("/inspections")
        request_id = answer.headers.get("X-Request-Id")
        assert answer.status_code == 200 and request_id, f"{answer.status_code}, X-Request-Id {request_id!r}"
        inspection = re.search(r'href="/inspections/([0-9a-fA-F-]{36})"', lead.get("/inspections").text).group(1)
        lead.get(f"/inspections/{inspection}")
        server.stop()
        text = open(os.path.join(workdir, f"server-{server.starts}.log"), errors="replace").read()
        lines = [line for line in text.splitlines() if line.strip()]
        objects = []
        for line in lines:
            try:
                objects.append(json.loads(line))
            except ValueError:
                raise AssertionError(f"a log line that is not JSON: {line[:300]}")
        mine = [entry for entry in objects if entry.get("request_id") == request_id]
        assert len(mine) == 1, f"expected one line for request {request_id}, found {mine}"
        entry = mine[0]
        assert entry["route"] == "/inspections" and entry["status"] == 200 and float(entry["duration_ms"]) >= 0, entry
        uuid.UUID(entry["user_id"])
        patterns = {entry.get("route") for entry in objects}
        assert "/inspections/:inspection" in patterns and f"/inspections/{inspection}" not in patterns, sorted(p for p in patterns if p)
        assert "@demo.test" not in text, "an email address in the log"
        print(f"       {len(objects)} JSON lines; request {request_id} logged as {entry['route']} {entry['status']} in {entry['duration_ms']} ms", flush=True)

    suite.check("LOG_FORMAT=json: one JSON object per line, with route pattern, status, duration, user id and request id, and no email", json_logs, depends=False)
    server.stop()
    suite.finish()


if __name__ == "__main__":
    main()
