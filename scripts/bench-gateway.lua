-- wrk script of scripts/bench-gateway.sh: orders (or one GET path) at a paced or an unpaced rate, every answer
-- counted by status with its own latency, printed by done() as "tw ..." lines the bench script parses.
--
-- Run it ONLY as `wrk -tN -cN` (one connection per thread). Why: wrk keeps one request outstanding per
-- connection and calls request() just before it writes and response() when the answer is parsed, but neither
-- call says which connection it is for. Each wrk thread has its own Lua state, so with exactly one connection
-- per thread the thread's calls strictly alternate (delay → request → response → delay …) and the thread's
-- globals hold the one outstanding request's schedule slot and send time: response() knows that request's
-- latency exactly, and can file it under its status. (wrk's own histogram mixes every status and starts at the
-- send.) A second request() while one is outstanding means wrk reconnected after a socket error: the first is
-- counted as lost (and `overlap` shows it).
--
-- Pacing (TW_RATE > 0): connection i of N sends its k-th request at t0 + (i-1)/rate + k*N/rate, on
-- CLOCK_MONOTONIC read through ffi (the same clock in every thread); delay() returns the milliseconds left to
-- that slot (wrk's timer has whole milliseconds: a send is at most ~1 ms early) or 0 when the slot has passed,
-- so a connection whose previous answer came late sends at once. The offered schedule is fixed in advance (an
-- open model as far as N connections allow) and latency is counted from the later of slot and send: a request
-- delayed by the answer before it on its connection is charged that wait (no coordinated omission).
-- Counted: requests whose slot (unpaced: send) lies in [t0, t0 + TW_SECONDS); the caller runs wrk ~2 s longer
-- so the last counted ones are answered under the same load, and treats a counted request still unanswered
-- at the end as an error.
--
-- Environment: TW_MODE order|get, TW_RATE (requests/s over all connections, 0 = as fast as wrk can),
-- TW_SECONDS (counted window; 0 = all), TW_CONNS (= -t = -c), TW_KEY (API key), TW_NONCE (client order id
-- prefix), TW_SYMBOLS (comma list), TW_COUNT_ONLY=1: several connections per thread (unpaced runs that only
-- need the status counts and the rate): statuses, Retry-After and bodies are counted, latencies are not.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } tw_timespec;
int clock_gettime(int clock_id, tw_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("tw_timespec")
local function now_us()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local mode = os.getenv("TW_MODE") or "order"
local rate = tonumber(os.getenv("TW_RATE") or "0")
local window = tonumber(os.getenv("TW_SECONDS") or "0") * 1e6
local key = os.getenv("TW_KEY") or ""
local count_only = os.getenv("TW_COUNT_ONLY") == "1"
local nonce = os.getenv("TW_NONCE") or "bench"
local symbols = {}
for s in string.gmatch(os.getenv("TW_SYMBOLS") or "SPY", "[^,%s]+") do symbols[#symbols + 1] = s end

-- Main state: one schedule origin for every thread, a little after start so all connections are open.
threads = {}
local origin = now_us() + 300000
function setup(thread)
    threads[#threads + 1] = thread
    thread:set("id", #threads)
    thread:set("t0", origin)
end

-- Thread state (globals, read by done() through thread:get; only flat tables copy across states).
id, t0 = 1, origin
k, n = 0, 0                      -- next slot on this connection; orders built
slot, sent_at, counted = 0, 0, false
waiting = false                  -- a request is waiting for its answer
outstanding = false              -- ... and it is a counted one
sent, answered, lost, overlap = 0, 0, 0, 0
counts, hist, maxlat, retry_after, tripped, samples = {}, {}, {}, {}, {}, {}
nthreads = tonumber(os.getenv("TW_CONNS") or "1")

local function interval() return nthreads * 1e6 / rate end
local function due() return t0 + (id - 1) * 1e6 / rate + k * interval() end

-- wrk calls request() once on the first thread before the run, to check the script (script_verify_request):
-- paced, every real request follows a delay(), so a request() without one is that check and is not counted.
armed = rate == 0
if rate > 0 then
    function delay()
        armed = true
        local left = due() - now_us()
        return left > 0 and math.floor(left / 1000) or 0
    end
end

local build
local headers = { ["Content-Type"] = "application/json", ["X-API-Key"] = key }
function request()
    local t = now_us()
    if count_only or not armed then return build() end
    if rate > 0 then armed = false end
    if waiting then overlap = overlap + 1 end
    if outstanding then lost = lost + 1 end
    waiting = true
    if rate > 0 then slot = due(); k = k + 1 else slot = t end
    sent_at = t
    counted = slot >= t0 and (window == 0 or slot < t0 + window)
    outstanding = counted
    if counted then sent = sent + 1 end
    return build()
end

build = function()
    if mode == "get" then return wrk.format("GET", wrk.path) end
    n = n + 1
    local symbol = symbols[(n % #symbols) + 1]
    local side = (math.floor(n / #symbols) % 2 == 0) and "buy" or "sell"
    return wrk.format("POST", "/api/v1/orders", headers,
        '{"symbol":"' .. symbol .. '","side":"' .. side .. '","qty":"1","type":"market","client_order_id":"'
            .. nonce .. "-" .. id .. "-" .. n .. '"}')
end

function response(status, hdrs, body)
    waiting = false
    if not (counted or count_only) then return end
    outstanding, counted = false, false
    answered = answered + 1
    counts[status] = (counts[status] or 0) + 1
    if not count_only then
        local us = now_us() - math.max(slot, sent_at)
        if us < 1 then us = 1 end
        -- 1 % wide buckets (log scale), keyed status * 10000 + bucket: percentiles to within 1 %.
        local b = status * 10000 + math.floor(math.log(us) * 100)
        hist[b] = (hist[b] or 0) + 1
        if us > (maxlat[status] or 0) then maxlat[status] = us end
    end
    if status >= 300 then
        for name, _ in pairs(hdrs) do
            if string.lower(name) == "retry-after" then retry_after[status] = (retry_after[status] or 0) + 1 end
        end
        if status == 423 and body and string.find(body, "CIRCUIT_BREAKER_TRIPPED", 1, true) then
            tripped[status] = (tripped[status] or 0) + 1
        end
    end
    if samples[status] == nil and body then samples[status] = string.sub(string.gsub(body, "%s+", " "), 1, 240) end
end

function done(summary, latency, requests)
    local total = { sent = 0, answered = 0, lost = 0, overlap = 0, unanswered = 0 }
    local c, h, m, ra, tr, sm = {}, {}, {}, {}, {}, {}
    local function add(into, from, keep)
        for key, v in pairs(from) do
            if keep then into[key] = math.max(into[key] or 0, v) else into[key] = (into[key] or 0) + v end
        end
    end
    for _, t in ipairs(threads) do
        total.sent = total.sent + t:get("sent")
        total.answered = total.answered + t:get("answered")
        total.lost = total.lost + t:get("lost")
        total.overlap = total.overlap + t:get("overlap")
        if t:get("outstanding") then total.unanswered = total.unanswered + 1 end
        add(c, t:get("counts")); add(h, t:get("hist")); add(m, t:get("maxlat"), true)
        add(ra, t:get("retry_after")); add(tr, t:get("tripped"))
        for st, body in pairs(t:get("samples")) do sm[st] = sm[st] or body end
    end
    -- The schedule's slots inside the window, all connections (paced); unpaced: what was sent.
    local offered = total.sent
    if rate > 0 and window > 0 then
        -- counted with the very expressions request() uses, so a slot on the window's edge is offered only if
        -- it would have been counted (a closed form disagrees with them in the last bit at low rates).
        offered = 0
        for i = 1, #threads do
            local kk = 0
            while origin + (i - 1) * 1e6 / rate + kk * (nthreads * 1e6 / rate) < origin + window do
                offered, kk = offered + 1, kk + 1
            end
        end
    end
    local e = summary.errors
    print(string.format("tw window_s %.3f offered %d sent %d answered %d unanswered %d lost %d overlap %d " ..
        "connect %d read %d write %d threads %d", (window > 0 and window or summary.duration) / 1e6, offered,
        total.sent, total.answered, total.unanswered, total.lost, total.overlap, e.connect, e.read, e.write, #threads))
    -- Percentiles over a set of statuses (their buckets merged); nil when none was answered or not timed.
    local function figures(set)
        local buckets, total, max = {}, 0, 0
        for b, count in pairs(h) do
            if set[math.floor(b / 10000)] then buckets[#buckets + 1] = b; total = total + count end
        end
        for st, _ in pairs(set) do max = math.max(max, m[st] or 0) end
        if total == 0 then return nil end
        table.sort(buckets, function(x, y) return x % 10000 < y % 10000 end)
        local function pct(p)
            local seen = 0
            for _, b in ipairs(buckets) do
                seen = seen + h[b]
                if seen >= p * total then return math.min(math.exp((b % 10000 + 0.5) / 100), max) / 1000 end
            end
            return max / 1000
        end
        return string.format("p50_ms %.3f p99_ms %.3f max_ms %.3f", pct(0.5), pct(0.99), max / 1000)
    end
    local statuses, all, refused = {}, {}, { [429] = true, [503] = true }
    for st, _ in pairs(c) do statuses[#statuses + 1] = st; all[st] = true end
    table.sort(statuses)
    for _, st in ipairs(statuses) do
        print(string.format("tw status %d n %d %s retry_after %d tripped_body %d", st, c[st],
            figures({ [st] = true }) or "p50_ms nan p99_ms nan max_ms nan", ra[st] or 0, tr[st] or 0))
        if sm[st] then print("tw sample " .. st .. " " .. sm[st]) end
    end
    print("tw class refused " .. (figures(refused) or "p50_ms nan p99_ms nan max_ms nan"))
    print("tw class all " .. (figures(all) or "p50_ms nan p99_ms nan max_ms nan"))
end
