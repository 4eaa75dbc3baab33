#!/usr/bin/env python3
"""Steady, bounded order load for make chaos: THREADS keep-alive connections POST market orders of 1 unit to the
gateway at about RATE orders/s in total, for at most DURATION seconds or until the file STOP exists. One JSON line
per request: client order id, start and end (epoch ms, this host's clock), HTTP status, reject code."""
import argparse, http.client, json, os, threading, time

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1"); p.add_argument("--port", type=int, required=True)
    p.add_argument("--key-file", required=True); p.add_argument("--out", required=True)
    p.add_argument("--prefix", required=True); p.add_argument("--rate", type=float, default=40)
    p.add_argument("--threads", type=int, default=4); p.add_argument("--duration", type=float, default=20)
    p.add_argument("--stop", default=None); p.add_argument("--symbol", default="SPY")
    a = p.parse_args()
    key = open(a.key_file).read().strip()
    lock = threading.Lock(); out = open(a.out, "w")
    deadline = time.time() + a.duration
    interval = a.threads / a.rate

    def worker(t):
        conn = http.client.HTTPConnection(a.host, a.port, timeout=10)
        n = 0
        while time.time() < deadline and not (a.stop and os.path.exists(a.stop)):
            n += 1
            coid = f"{a.prefix}-{t}-{n}"
            body = json.dumps({"symbol": a.symbol, "side": "buy" if n % 2 else "sell", "qty": "1",
                               "type": "market", "client_order_id": coid})
            start = time.time()
            try:
                conn.request("POST", "/api/v1/orders", body, {"Authorization": "Bearer " + key,
                                                             "Content-Type": "application/json"})
                resp = conn.getresponse(); raw = resp.read(); status = resp.status
                try:
                    code = json.loads(raw).get("code") if status >= 400 else None
                except ValueError:
                    code = "NOT_JSON"
            except (OSError, http.client.HTTPException) as e:
                status, code = 0, type(e).__name__
                conn.close(); conn = http.client.HTTPConnection(a.host, a.port, timeout=10)
            end = time.time()
            with lock:
                out.write(json.dumps({"coid": coid, "start": int(start * 1000), "end": int(end * 1000),
                                      "status": status, "code": code}) + "\n")
            time.sleep(max(0.0, interval - (end - start)))

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(a.threads)]
    for t in threads: t.start()
    for t in threads: t.join()
    out.close()

if __name__ == "__main__":
    main()
