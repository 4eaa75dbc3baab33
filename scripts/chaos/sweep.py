#!/usr/bin/env python3
"""make chaos, scenarios "malformed" and "auth": every operation of every service's OpenAPI document.
  malformed: N requests spread over every POST/PUT/PATCH operation with the admin key (so the body is parsed):
             random JSON, wrong types, NaN/Infinity/1e400, huge strings, 2 MB bodies, invalid UTF-8, deep nesting,
             wrong content types. Promise: no 5xx.
  auth:      every operation with no key, a bogus key and each key file given (expired, revoked, ...).
             Promise: only 401/403.
Prints one JSON summary line; exit 0 always (the caller judges)."""
import argparse, http.client, json, random, re, sys

def spec(host, port, key):
    c = http.client.HTTPConnection(host, port, timeout=10)
    c.request("GET", "/q/openapi?format=json", headers={"Authorization": "Bearer " + key, "Accept": "application/json"})
    r = c.getresponse(); body = r.read()
    if r.status != 200:
        raise SystemExit(f"no OpenAPI document on :{port} (HTTP {r.status})")
    return json.loads(body)

def operations(doc):
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                yield method.upper(), re.sub(r"\{[^}]+\}", "chaos0000", path), op

def props(op, doc):
    try:
        schema = next(iter(op["requestBody"]["content"].values()))["schema"]
        if "$ref" in schema:
            schema = doc["components"]["schemas"][schema["$ref"].split("/")[-1]]
        return list(schema.get("properties", {}).keys()) or ["symbol", "qty"]
    except (KeyError, StopIteration, TypeError):
        return ["symbol", "qty", "reason", "mode", "name"]

WEIRD = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1" * 400, "null", "true", "[]", "{}", '"\\u0000"', "-0",
         '"' + "x" * 100000 + '"', "0.0000000000000000000000001", "9" * 40, '"2026-13-45T99:99:99Z"', '"\\ud800"']

def bodies(fields, rnd):
    yield "application/json", b"{" * 5000 + b"}" * 5000                      # deep nesting
    yield "application/json", b"\xff\xfe\xfa" + bytes(rnd.randrange(256) for _ in range(64))  # invalid UTF-8
    yield "application/json", b'{"a":"' + b"x" * (2 * 1024 * 1024) + b'"}'     # 2 MB
    yield "text/plain", b"hello"
    yield "application/xml", b"<order><qty>1</qty></order>"
    yield "application/x-www-form-urlencoded", b"qty=1&symbol=SPY"
    yield "application/json", b""
    yield "application/json", b"[1,2,3]"
    yield "application/json", b'"just a string"'
    while True:
        obj = "{" + ",".join(f'"{f}":{rnd.choice(WEIRD)}' for f in rnd.sample(fields, rnd.randint(1, len(fields)))) + "}"
        yield "application/json", obj.encode()
        yield "application/json", bytes(rnd.randrange(32, 127) for _ in range(rnd.randint(1, 300)))

def send(conn_box, host, port, method, path, ctype, body, key):
    headers = {"Content-Type": ctype} if ctype else {}
    if key is not None:
        headers["Authorization"] = "Bearer " + key
    for attempt in (1, 2):
        try:
            conn_box[0].request(method, path, body, headers)
            r = conn_box[0].getresponse(); r.read()
            if r.getheader("Connection", "").lower() == "close":
                conn_box[0].close(); conn_box[0] = http.client.HTTPConnection(host, port, timeout=15)
            if r.status in (302, 303) and "/console" in (r.getheader("Location") or ""):
                return "login"   # a console page without a session: redirected towards the login page (refused)
            return r.status
        except (OSError, http.client.HTTPException) as e:
            conn_box[0].close(); conn_box[0] = http.client.HTTPConnection(host, port, timeout=15)
            if len(body) >= 1024 * 1024 and isinstance(e, (BrokenPipeError, ConnectionResetError)):
                return "closed"  # the body limit: the server answered 413 and closed before reading it all
            if attempt == 2:
                return "conn:" + type(e).__name__

# Open by design, printed with the reason so nobody has to guess.
PUBLIC = {"GET /inbox": "alert-router's inbox page is a static shell; its data (/api/v1/inbox) needs alerts:admin",
          "GET /console/login": "the console's login form", "POST /console/login": "the console's login (password)"}

# Open to ANY valid key whatever its scopes (class-level @Authenticated, reads only), checked for the key without
# the scope: (method, path prefix) -> why.
ANY_KEY = {("GET", "/api/v1/whoami"): "who the caller is",
           ("GET", "/health"): "seed 004's /health with the risk figures (read only)",
           ("POST", "/api/ai/consensus"): "seed 001's consensus: a decision for the features sent, nothing stored",
           ("GET", "/api/v1/artifacts"): "strategy artifacts, read only (changes need artifacts:approve)",
           ("GET", "/api/v1/features/"): "a symbol's rolling features, read only",
           ("GET", "/api/v1/admin/config"): "the risk limits in force, read only (changes need config:write)"}

def any_key(method, path):
    return next((why for (m, prefix), why in ANY_KEY.items() if m == method and path.startswith(prefix)), None)

def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["malformed", "auth"]); p.add_argument("--ports", required=True)
    p.add_argument("--admin-key-file", required=True); p.add_argument("--requests", type=int, default=10000)
    p.add_argument("--key-file", action="append", default=[], help="LABEL=FILE: more keys that must be refused")
    p.add_argument("--scopeless-key-file", help="a valid key whose scope no operation needs: 403 except ANY_KEY operations")
    a = p.parse_args()
    admin = open(a.admin_key_file).read().strip()
    rnd = random.Random(20261207)
    ports = [int(x) for x in a.ports.split(",")]
    docs = {port: spec("127.0.0.1", port, admin) for port in ports}
    statuses, bad, sent, accepted = {}, [], 0, []
    if a.mode == "malformed":
        ops = [(port, m, path, props(op, docs[port])) for port in ports for m, path, op in operations(docs[port])
               if m in ("POST", "PUT", "PATCH")]
        per = max(1, a.requests // max(1, len(ops)))
        for port, m, path, fields in ops:
            box = [http.client.HTTPConnection("127.0.0.1", port, timeout=15)]
            gen = bodies(fields, rnd)
            for _ in range(per):
                ctype, body = next(gen)
                s = send(box, "127.0.0.1", port, m, path, ctype, body, admin); sent += 1
                statuses[str(s)] = statuses.get(str(s), 0) + 1
                if isinstance(s, int) and 200 <= s < 300 and len(accepted) < 50:
                    accepted.append(f"{m} :{port}{path} {ctype} {body[:80]!r} -> {s}")
                if s not in ("login", "closed") and (not isinstance(s, int) or s >= 500):
                    bad.append(f"{m} :{port}{path} {ctype} {body[:60]!r} -> {s}")
        summary = {"operations": len(ops), "requests": sent, "statuses": statuses, "bad": bad[:20], "bad_count": len(bad),
                   "accepted": accepted}
    else:
        keys = [("no key", None), ("bogus key", "twk_zzzzzzzz_" + "q" * 43)]
        for kf in a.key_file:
            label, path = kf.split("=", 1); keys.append((label, open(path).read().strip()))
        if a.scopeless_key_file:
            keys.append(("key without the scope", open(a.scopeless_key_file).read().strip()))
        ops = [(port, m, path) for port in ports for m, path, _ in operations(docs[port])]
        for port, m, path in ops:
            box = [http.client.HTTPConnection("127.0.0.1", port, timeout=15)]
            for label, key in keys:
                s = send(box, "127.0.0.1", port, m, path, "application/json", b"{}", key); sent += 1
                statuses[str(s)] = statuses.get(str(s), 0) + 1
                if (m + " " + path) in PUBLIC:
                    continue
                if label == "key without the scope" and any_key(m, path):
                    continue
                if s not in (401, 403, "login"):
                    bad.append(f"{label}: {m} :{port}{path} -> {s}")
        summary = {"operations": len(ops), "keys": [k for k, _ in keys], "public": PUBLIC, "any_key": {f"{m} {p}": w for (m, p), w in ANY_KEY.items()}, "requests": sent, "statuses": statuses,
                   "bad": bad[:20], "bad_count": len(bad)}
    print(json.dumps(summary))

if __name__ == "__main__":
    main()
