#!/usr/bin/env python3
"""make two-replicas-test, the checks: two execution-gateway processes (A and B) on one Redis DB and one PostgreSQL
database must behave as one gateway. Every check sends real concurrent requests split over both (a thread per
request, released together by a barrier on already-open connections) and prints PASS/FAIL/SKIP with its figures.
Exit status 1 on any FAIL. Run by scripts/two-replicas-test.sh, which starts the stack and the second gateway.

What the stack must allow (the wrapper sets it by environment on its own stack; on a reused stack (--reuse) the limits
are set through the console's risk-config API and put back afterwards, or the checks that need them are skipped):
per-key rate RATE/s (burst 2 s), per-symbol USD cap CAP, breaker quiet period of a few seconds."""
import argparse, http.client, json, math, subprocess, sys, threading, time, uuid
from decimal import Decimal

RATE = 10                       # gateway.rate-limits.per-key-per-second for the rate check
CAP = Decimal(100000)           # gateway.risk.per-symbol-usd-cap (USD) for the symbol-cap check (room for ~240 MSFT)
QUIET = "2s"                    # gateway.breaker.quiet-period
UNITS = Decimal(100_000_000)    # exposure:* quantities are integers in 1e-8 units

results = []


def verdict(name, ok, figures):
    results.append((name, ok))
    print(f"{'PASS' if ok else 'FAIL'}  {name}\n      {figures}", flush=True)


def skip(name, why):
    print(f"SKIP  {name}\n      {why}", flush=True)


class Gateway:
    def __init__(self, label, port, key):
        self.label, self.port, self.key = label, port, key

    def connect(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        conn.connect()
        return conn

    def call(self, method, path, body=None, conn=None):
        """(status, parsed body or None, headers); a connection error is status 0."""
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request(method, path, None if body is None else json.dumps(body),
                         {"Authorization": "Bearer " + self.key, "Content-Type": "application/json"})
            resp = conn.getresponse()
            raw = resp.read()
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = {"not_json": raw[:200].decode(errors="replace")}
            return resp.status, parsed, dict(resp.getheaders())
        except (OSError, http.client.HTTPException) as e:
            return 0, {"error": type(e).__name__ + ": " + str(e)}, {}
        finally:
            if own:
                conn.close()

    def order(self, body, conn=None):
        return self.call("POST", "/api/v1/orders", body, conn)

    def breaker(self):
        return self.call("GET", "/api/v1/circuit-breaker")[1] or {}


def together(calls):
    """Runs every (gateway, method, path, body) at the same moment, each on its own open connection.
    Returns [(gateway label, status, body, headers)] in the order given, and the wall time they took (s)."""
    conns = [g.connect() for g, *_ in calls]
    barrier = threading.Barrier(len(calls) + 1)
    out = [None] * len(calls)

    def one(i):
        g, method, path, body = calls[i]
        barrier.wait()
        status, parsed, headers = g.call(method, path, body, conns[i])
        out[i] = (g.label, status, parsed, headers)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    for c in conns:
        c.close()
    return out, elapsed


def code(body):
    return (body or {}).get("code")


def tally(answers):
    counts = {}
    for _, status, body, _ in answers:
        k = f"{status}" + (f" {code(body)}" if status >= 400 and code(body) else "")
        counts[k] = counts.get(k, 0) + 1
    return counts


class Stores:
    def __init__(self, pg_db, pg_port, redis_url):
        self.pg_db, self.pg_port, self.redis_url = pg_db, pg_port, redis_url

    def sql(self, query):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d", self.pg_db,
                               "-XtAqc", query], check=True, capture_output=True, text=True).stdout.strip()

    def redis(self, *args):
        return subprocess.run(["redis-cli", "-u", self.redis_url, *args], check=True, capture_output=True,
                              text=True).stdout.strip()

    def price(self, symbol):
        return Decimal(self.redis("HGET", f"md:last:{symbol}", "last"))

    def exposure(self, symbol):
        pos, wbuy, wsell = (self.redis("HMGET", f"exposure:{symbol}", "pos", "wbuy", "wsell").split("\n") + ["", "", ""])[:3]
        return [Decimal(v or 0) / UNITS for v in (pos, wbuy, wsell)]

    def venue_position(self, symbol):
        return Decimal(self.sql(f"SELECT coalesce((SELECT qty FROM paper_venue.positions WHERE symbol = '{symbol}'), 0)"))


def market(symbol, side, coid, qty="1"):
    return {"symbol": symbol, "side": side, "qty": qty, "type": "market", "client_order_id": coid}


def limit(symbol, side, coid, qty, price):
    return {"symbol": symbol, "side": side, "qty": str(qty), "type": "limit", "limit_price": str(price),
            "time_in_force": "day", "client_order_id": coid}


def wait_until(predicate, timeout, step=0.25):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(step)


def wait_open(a, b, timeout):
    return wait_until(lambda: a.breaker().get("effective_status") == "OPEN" and b.breaker().get("effective_status") == "OPEN",
                      timeout)


# ---- the checks ---------------------------------------------------------------------------------------------------

def reset_race(a, b, run):
    """Resets via B and A at the same moment; while the 1-per-minute reset limit still holds from an earlier reset
    (every answer 429), waits and races again. Returns the answers of the race that got past the limit."""
    deadline = time.monotonic() + 75
    body = {"reason": f"two-replicas test {run}: reset, all normal", "acknowledged": True}
    while True:
        answers, _ = together([(b, "POST", "/api/v1/circuit-breaker/reset", body), (a, "POST", "/api/v1/circuit-breaker/reset", body)])
        if any(s != 429 for _, s, _, _ in answers) or time.monotonic() >= deadline:
            return answers
        print("      (reset refused 429 on both, the 1-per-minute reset limit holds from an earlier reset: waiting)", flush=True)
        time.sleep(5)


def check_breaker(a, b, stores, run):
    name = ("breaker: tripped via A -> B refuses 423 CIRCUIT_BREAKER_TRIPPED; concurrent trips and resets over both change it once;"
            " after the reset A is reduce-only, then OPEN after the quiet period (ended once)")
    since_event = stores.sql("SELECT coalesce(max(id), 0) FROM circuit_breaker_events")
    trip_status, _, _ = a.call("POST", "/api/v1/circuit-breaker/trip",
                               {"reason": f"two-replicas test {run}: trip via replica A", "acknowledged": True})
    refused, _ = together([(b, "POST", "/api/v1/orders", market("SPY", "buy", f"{run}-cb-{i}")) for i in range(10)])
    trip_body = {"reason": f"two-replicas test {run}: the same trip again, via both", "acknowledged": True}
    again, _ = together([((a, b)[i % 2], "POST", "/api/v1/circuit-breaker/trip", trip_body) for i in range(6)])
    since_audit = stores.sql("SELECT coalesce(max(id), 0) FROM audit_log")
    resets = reset_race(a, b, run)
    reset_ok = sum(1 for _, s, _, _ in resets if s == 200)
    quiet = a.order(market("SPY", "buy", f"{run}-cb-quiet"))
    # the quiet period is QUIET on this test's stack; a reused stack whose limits could not be set keeps its own (60 s)
    reopened = wait_until(lambda: a.order(market("SPY", "buy", f"{run}-cb-open-{uuid.uuid4().hex[:6]}"))[0] == 201, 75, 0.5)
    time.sleep(1.5)  # both quiet-period enders had their turn
    ended = stores.sql(f"SELECT count(*) FROM audit_log WHERE id > {since_audit} AND action = 'CIRCUIT_BREAKER_QUIET_PERIOD_ENDED'")
    events = stores.sql(f"SELECT count(*) FILTER (WHERE event = 'TRIP') || ' ' || count(*) FILTER (WHERE event = 'RESET')"
                        f" FROM circuit_breaker_events WHERE id > {since_event}")
    all_423 = all(s == 423 and code(body) == "CIRCUIT_BREAKER_TRIPPED" for _, s, body, _ in refused)
    verdict(name, trip_status == 200 and all_423 and all(s == 200 for _, s, _, _ in again) and reset_ok == 1
            and quiet[0] == 422 and code(quiet[1]) == "REDUCE_ONLY_REQUIRED" and bool(reopened) and ended == "1"
            and events == "1 1",
            f"trip via A {trip_status}; 10 concurrent orders via B: {tally(refused)}; 6 concurrent trips again over both:"
            f" {tally(again)}; concurrent resets via B and A: {[(l, s, code(body)) for l, s, body, _ in resets]};"
            f" order via A in the quiet period {quiet[0]} {code(quiet[1])}; A admits again after it: {bool(reopened)};"
            f" quiet-period-ended audit rows {ended} (want 1: two enders, one change); trip/reset event rows {events} (want 1 1)")


def check_kill_switch(a, b, stores, run):
    name = "kill switch: activated via B -> A refuses 423 KILL_SWITCH_ACTIVE; deactivated via A -> B admits"
    since = stores.sql("SELECT coalesce(max(id), 0) FROM kill_switch_events")
    on, _, _ = b.call("POST", "/api/v1/kill-switch", {"mode": "HALT_ONLY", "reason": f"two-replicas test {run}: halt via B"})
    refused, _ = together([(a, "POST", "/api/v1/orders", market("SPY", "buy", f"{run}-ks-{i}")) for i in range(10)])
    time.sleep(2.5)  # both replicas' kill-switch workers run (every second)
    cancel_alls = stores.sql(f"SELECT count(*) FROM kill_switch_events WHERE id > {since} AND event = 'CANCEL_ALL'")
    off, _, _ = a.call("DELETE", "/api/v1/kill-switch?reason=two-replicas+test+done+via+A")
    after = b.order(market("SPY", "sell", f"{run}-ks-after"))
    all_423 = all(s == 423 and code(body) == "KILL_SWITCH_ACTIVE" for _, s, body, _ in refused)
    verdict(name, on == 200 and all_423 and off == 200 and after[0] == 201,
            f"activate via B {on}; 10 concurrent orders via A: {tally(refused)}; deactivate via A {off}; order via B then {after[0]};"
            f" CANCEL_ALL rows in kill_switch_events for the activation: {cancel_alls} (one per replica: docs/scaling.md hazard 4)")


def check_rate_limit(a, b, stores, run):
    name = f"rate limit shared: {6 * RATE} concurrent orders of one key split over A and B -> exactly the key's bucket admitted in total"
    time.sleep(2.2)  # the key's bucket refills to its burst (2 s of rate) while nothing is sent
    calls = [(a if i % 2 else b, "POST", "/api/v1/orders", market("SPY", "buy" if i % 4 < 2 else "sell", f"{run}-rl-{i}"))
             for i in range(6 * RATE)]
    answers, elapsed = together(calls)
    admitted = sum(1 for _, s, _, _ in answers if s == 201)
    limited = sum(1 for _, s, body, _ in answers if s == 429 and code(body) == "RATE_LIMITED")
    burst = 2 * RATE
    most = burst + math.floor(RATE * elapsed)  # the bucket refills during the burst; two buckets would admit 2x burst
    per = {g: sum(1 for l, s, _, _ in answers if l == g and s == 201) for g in ("A", "B")}
    verdict(name, burst <= admitted <= most and admitted + limited == len(calls) and per["A"] > 0 and per["B"] > 0,
            f"{admitted} admitted (A {per['A']}, B {per['B']}), {limited} 429 RATE_LIMITED in {elapsed:.2f} s;"
            f" want {burst} (burst of {RATE}/s) plus at most {most - burst} refilled meanwhile; one bucket per replica would admit up to {2 * burst}")


def check_symbol_cap(a, b, stores, run):
    name = f"symbol cap shared: resting MSFT buys up to the {CAP} USD cap via A -> B refuses 422 SYMBOL_CAP; concurrent race over both admits only what fits"
    price = stores.price("MSFT")
    pos, wbuy, _ = stores.exposure("MSFT")
    room = CAP / price - pos - wbuy
    size = int(room * Decimal("0.18"))  # 5 fit (about 0.88 of the room), a 6th does not (about 1.06)
    if size < 20:  # whole units: below that the rounding eats the margins
        verdict(name, False, f"no room under the cap: price {price}, position {pos}, working buys {wbuy}")
        return
    rest_at = (price * Decimal("0.97")).quantize(Decimal("0.01"))  # inside the collar, far enough below to rest
    ids = []
    first = [a.order(limit("MSFT", "buy", f"{run}-cap-a{i}", size, rest_at)) for i in range(4)]
    ids += [body["id"] for s, body, _ in first if s == 201]
    over = b.order(limit("MSFT", "buy", f"{run}-cap-b", 3 * size, rest_at))
    race, _ = together([(a if i % 2 else b, "POST", "/api/v1/orders", limit("MSFT", "buy", f"{run}-cap-r{i}", size, rest_at))
                        for i in range(6)])
    ids += [body["id"] for _, s, body, _ in race if s == 201]
    raced_in = sum(1 for _, s, _, _ in race if s == 201)
    raced_out = sum(1 for _, s, body, _ in race if s == 422 and code(body) == "SYMBOL_CAP")
    # cancel them all, across replicas
    cancels = together([((a, b)[i % 2], "DELETE", f"/api/v1/orders/{oid}", None) for i, oid in enumerate(ids)])[0] if ids else []
    ended = wait_until(lambda: stores.sql(f"SELECT count(*) FROM orders WHERE client_order_id LIKE '{run}-cap-%' AND status IN "
                                          "('NEW','SUBMITTED','ACCEPTED','PARTIALLY_FILLED','UNKNOWN')") == "0", 15)
    verdict(name, all(s == 201 for s, _, _ in first) and over[0] == 422 and code(over[1]) == "SYMBOL_CAP"
            and raced_in == 1 and raced_out == 5 and bool(ended),
            f"price {price}, room {room:.2f} units, orders of {size}: 4 via A {[s for s, _, _ in first]}; {3 * size} via B"
            f" {over[0]} {code(over[1])}; 6 concurrent over both: {raced_in} admitted, {raced_out} SYMBOL_CAP (want 1 and 5);"
            f" cancels {tally(cancels)}; all ended: {bool(ended)}")


def check_idempotency(a, b, stores, run):
    name = "idempotency: 100 concurrent requests with one client_order_id split over A and B -> one order row, one venue order, one id"
    coid = f"{run}-idem"
    answers, elapsed = together([((a, b)[i % 2], "POST", "/api/v1/orders", market("SPY", "buy", coid)) for i in range(100)])
    ok = [body.get("id") for _, s, body, _ in answers if s in (200, 201)]
    retry = sum(1 for _, s, body, _ in answers if s == 503 and code(body) == "CONTROL_PLANE_UNAVAILABLE")
    fresh = sum(1 for _, s, _, h in answers if s == 201 and h.get("Idempotent-Replayed") != "true")
    wait_until(lambda: stores.sql(f"SELECT count(*) FROM paper_venue.paper_orders WHERE client_order_id = '{coid}'") != "0", 10)
    rows = stores.sql(f"SELECT count(*) FROM orders WHERE client_order_id = '{coid}'")
    venue = stores.sql(f"SELECT count(*) FROM paper_venue.paper_orders WHERE client_order_id = '{coid}'")
    verdict(name, len(ok) + retry == 100 and len(set(ok)) == 1 and fresh == 1 and rows == "1" and venue == "1",
            f"in {elapsed:.2f} s: {tally(answers)}; {len(ok)} answers with an order, {len(set(ok))} distinct id(s), {fresh} not"
            f" marked Idempotent-Replayed, {retry} retryable 503 (original not yet durable); orders rows {rows}, venue orders {venue}")


def check_fills_once(a, b, stores, run, symbol="AAPL"):
    name = f"fills applied once: {symbol} limit orders resting then filling (both pollers follow them) -> PostgreSQL == venue, exposure moved as the venue position"
    before_pos = stores.exposure(symbol)[0]
    before_venue = stores.venue_position(symbol)
    price = stores.price(symbol)
    calls = []
    for i in range(12):  # just inside the market: some fill at once, some rest until a tick crosses them
        side = "buy" if i % 2 == 0 else "sell"
        offset = Decimal("0.0002") * (i // 2 % 3)
        px = price * (1 - offset if side == "buy" else 1 + offset)
        calls.append(((a, b)[i % 2], "POST", "/api/v1/orders", limit(symbol, side, f"{run}-fill-{i}", 1 + i % 3, px.quantize(Decimal("0.01")))))
    placed, _ = together(calls)
    ids = [body["id"] for _, s, body, _ in placed if s == 201]
    time.sleep(4)  # ticks every second move resting orders
    still = stores.sql(f"SELECT id FROM orders WHERE client_order_id LIKE '{run}-fill-%' AND status IN ('SUBMITTED','ACCEPTED','PARTIALLY_FILLED')").split()
    if still:
        together([((a, b)[i % 2], "DELETE", f"/api/v1/orders/{oid}", None) for i, oid in enumerate(still)])
    settled = wait_until(lambda: stores.sql(f"SELECT count(*) FROM orders WHERE client_order_id LIKE '{run}-fill-%' AND status IN "
                                            "('NEW','SUBMITTED','ACCEPTED','PARTIALLY_FILLED','UNKNOWN')") == "0", 15)
    mismatched = stores.sql(f"""SELECT count(*) FROM orders o FULL JOIN paper_venue.paper_orders v USING (client_order_id)
        WHERE (o.client_order_id LIKE '{run}-fill-%' OR v.client_order_id LIKE '{run}-fill-%')
          AND (o.id IS NULL OR v.id IS NULL OR o.filled_qty <> v.filled_qty)""")
    doubled = stores.sql(f"""SELECT count(*) FROM (SELECT e.order_id FROM order_events e JOIN orders o ON o.id = e.order_id
        WHERE o.client_order_id LIKE '{run}-fill-%' AND e.event = 'STATUS' GROUP BY e.order_id, e.status, e.filled_qty HAVING count(*) > 1) d""")
    by_poll = stores.sql(f"""SELECT count(*) FROM orders o WHERE o.client_order_id LIKE '{run}-fill-%' AND o.filled_qty > 0
        AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.status = 'ACCEPTED')""")
    filled = stores.sql(f"SELECT count(*) FROM orders WHERE client_order_id LIKE '{run}-fill-%' AND filled_qty > 0")
    time.sleep(0.5)
    moved_exposure = stores.exposure(symbol)[0] - before_pos
    moved_venue = stores.venue_position(symbol) - before_venue
    verdict(name, len(ids) == 12 and bool(settled) and mismatched == "0" and doubled == "0" and moved_exposure == moved_venue,
            f"{len(ids)} placed, {filled} filled ({by_poll} after resting, i.e. through a poll), rest canceled; all ended: {bool(settled)};"
            f" orders whose filled qty differs from the venue's (or missing on a side): {mismatched}; status events applied twice: {doubled};"
            f" exposure:{symbol} position moved {moved_exposure.normalize()}, venue position moved {moved_venue.normalize()}")


# ---- settings on a reused stack -----------------------------------------------------------------------------------

class Console:
    """The console's risk-config API (PUT /api/v1/admin/config): sets the test's limits, puts the old ones back."""

    FIELDS = {"gateway.rate-limits.per-key-per-second": str(RATE), "gateway.risk.per-symbol-usd-cap": str(CAP),
              "gateway.breaker.quiet-period": QUIET}

    def __init__(self, port, key):
        self.g = Gateway("console", port, key)
        self.saved = None

    def current(self):
        status, body, _ = self.g.call("GET", "/api/v1/admin/config")
        return body if status == 200 else None

    def apply(self, settings, reason):
        status, body, _ = self.g.call("PUT", "/api/v1/admin/config", {"settings": settings, "reason": reason})
        return status == 200, body

    def set_test_limits(self):
        now = self.current()
        if now is None:
            return False, "the console's risk-config API does not answer"
        self.saved = {s["name"]: (s["value"] if s["set"] else None) for s in now["settings"] if s["name"] in self.FIELDS}
        ok, body = self.apply(self.FIELDS, "two-replicas test: low limits for the shared-limit checks")
        return ok, body

    def restore(self):
        if self.saved is not None:
            ok, body = self.apply(self.saved, "two-replicas test done: limits as they were")
            print(f"      risk config restored: {ok} {'' if ok else body}", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--a", type=int, required=True); p.add_argument("--b", type=int, required=True)
    p.add_argument("--key-file", required=True); p.add_argument("--pg-db", required=True)
    p.add_argument("--pg-port", type=int, default=5432); p.add_argument("--redis-url", required=True)
    p.add_argument("--console", type=int, default=0, help="console port: set the limits through its API (reused stack)")
    p.add_argument("--checks", default="breaker kill-switch symbol-cap idempotency fills rate-limit")
    args = p.parse_args()
    key = open(args.key_file).read().strip()
    a, b = Gateway("A", args.a, key), Gateway("B", args.b, key)
    stores = Stores(args.pg_db, args.pg_port, args.redis_url)
    run = "2r-" + uuid.uuid4().hex[:8]
    checks = args.checks.split()
    console = Console(args.console, key) if args.console else None
    limited = {"rate-limit", "symbol-cap"}
    if console:
        ok, body = console.set_test_limits()
        if not ok:
            for c in checks:
                if c in limited:
                    skip(c, f"the stack's limits cannot be lowered for this check: {body}")
            checks = [c for c in checks if c not in limited]
            console = None
        else:
            time.sleep(1.5)  # config:changed reaches both replicas
    try:
        if not wait_open(a, b, 75):
            verdict("both replicas see the breaker OPEN before the checks", False, f"A {a.breaker()}, B {b.breaker()}")
            return 1
        for c in checks:
            {"breaker": check_breaker, "kill-switch": check_kill_switch, "rate-limit": check_rate_limit,
             "symbol-cap": check_symbol_cap, "idempotency": check_idempotency, "fills": check_fills_once}[c](a, b, stores, run)
    finally:
        # what the checks may have left changed: kill switch on, breaker not OPEN, the limits
        if (a.call("GET", "/api/v1/kill-switch")[1] or {}).get("active"):
            a.call("DELETE", "/api/v1/kill-switch?reason=two-replicas+test+cleanup")
        if console:
            console.restore()
    failed = sum(1 for _, ok in results if not ok)
    print(f"two-replicas: {len(results) - failed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
