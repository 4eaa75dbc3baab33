-- Order admission: every control check, the idempotency claim, the rate limits and the exposure
-- reservation in ONE atomic round trip (DESIGN.md §4 step 4). Quantities are integers in 1e-8 units.
--
-- KEYS: 1 breaker  2 kill switch  3 reconciliation  4 quarantine:*:SYM  5 quarantine:{strategy}:SYM
--       6 bucket per key  7 bucket per strategy  8 bucket global  9 idem:{client_order_id}  10 exposure:{SYM}
--       11.. trading_gate:{scope} of every daily gate this order needs open (none when no gate is configured)
-- ARGV: 1 side BUY|SELL  2 qty  3 reduce_only 0|1  4 flatten 0|1  5 request hash  6 order id
--       7 idem ttl s  8 position limit qty  9 symbol cap qty
--       10 key rate/s  11 strategy rate/s  12 global rate/s
-- Returns {outcome, code, detail, n[, breaker]}: outcome ADMITTED | DUPLICATE | REJECTED | UNAVAILABLE;
-- n = retry-after ms for RATE_LIMITED, else 0; breaker = the raw breaker value for CIRCUIT_BREAKER_TRIPPED
-- (its reason, time and author go into the 423 body); for TRADING_GATE_CLOSED the fifth element is the
-- closed gates as JSON {scope: [reasons]}.

local function json_state(key, check)
  local raw = redis.call('GET', key)
  if not raw then return nil, key .. ' is missing' end
  local ok, value = pcall(cjson.decode, raw)
  if not ok or type(value) ~= 'table' or not check(value) then return nil, key .. ' is unparsable' end
  return value, raw
end

local breaker, breaker_raw = json_state(KEYS[1], function(v)
  return v.state == 'OPEN' or v.state == 'TRIPPED' or v.state == 'QUIET_PERIOD'
end)
if not breaker then return {'UNAVAILABLE', 'CONTROL_PLANE_UNAVAILABLE', breaker_raw, 0} end
local kill, why2 = json_state(KEYS[2], function(v)
  return type(v.active) == 'boolean' and (not v.active or v.mode == 'HALT_ONLY' or v.mode == 'CLOSE_POSITIONS')
end)
if not kill then return {'UNAVAILABLE', 'CONTROL_PLANE_UNAVAILABLE', why2, 0} end
local recon, why3 = json_state(KEYS[3], function(v)
  return v.state == 'PENDING' or v.state == 'RUNNING' or v.state == 'READY' or v.state == 'FAILED'
end)
if not recon then return {'UNAVAILABLE', 'CONTROL_PLANE_UNAVAILABLE', why3, 0} end
local exposure = redis.call('HMGET', KEYS[10], 'pos', 'wbuy', 'wsell')
if not exposure[1] then return {'UNAVAILABLE', 'CONTROL_PLANE_UNAVAILABLE', KEYS[10] .. ' is missing', 0} end
local pos, wbuy, wsell = tonumber(exposure[1]), tonumber(exposure[2] or '0'), tonumber(exposure[3] or '0')
if not pos or not wbuy or not wsell then
  return {'UNAVAILABLE', 'CONTROL_PLANE_UNAVAILABLE', KEYS[10] .. ' is unparsable', 0}
end

-- The same client order id again: same request → the original order; different request → conflict.
local claimed = redis.call('GET', KEYS[9])
if claimed then
  local sep = string.find(claimed, '|', 1, true)
  if sep and string.sub(claimed, 1, sep - 1) == ARGV[5] then
    return {'DUPLICATE', 'DUPLICATE', string.sub(claimed, sep + 1), 0}
  end
  return {'REJECTED', 'IDEMPOTENCY_CONFLICT', 'client order id already used for a different order', 0}
end

local buy = ARGV[1] == 'BUY'
local qty = tonumber(ARGV[2])
local reduce_only = ARGV[3] == '1'
local flatten = ARGV[4] == '1'

if breaker.state == 'TRIPPED' and not flatten then
  return {'REJECTED', 'CIRCUIT_BREAKER_TRIPPED', 'circuit breaker is TRIPPED', 0, breaker_raw}
end
if kill.active and not reduce_only then
  return {'REJECTED', 'KILL_SWITCH_ACTIVE', 'kill switch is active (' .. kill.mode .. ')', 0}
end
if (redis.call('EXISTS', KEYS[4]) == 1 or redis.call('EXISTS', KEYS[5]) == 1) and not reduce_only then
  return {'REJECTED', 'SYMBOL_QUARANTINED', 'symbol is quarantined', 0}
end
-- Redis's clock, one for every gateway replica: the rate buckets and the gates' trading day are judged by it.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

-- Daily trading gates: open only when their last evaluation passed and its trading day has not ended;
-- missing, unreadable or without a trading day = closed.
if not reduce_only and #KEYS > 10 then
  local closed, any = {}, false
  for i = 11, #KEYS do
    local at = string.find(KEYS[i], 'trading_gate:', 1, true)
    local scope = string.sub(KEYS[i], at + 13)
    local raw = redis.call('GET', KEYS[i])
    if not raw then
      closed[scope], any = {'GATE_STATE_UNKNOWN'}, true
    else
      local ok, gate = pcall(cjson.decode, raw)
      if not ok or type(gate) ~= 'table' or type(gate.open) ~= 'boolean' then
        closed[scope], any = {'GATE_STATE_UNREADABLE'}, true
      elseif not gate.open then
        local reasons = (type(gate.reasons) == 'table' and #gate.reasons > 0) and gate.reasons or {'UNSPECIFIED'}
        closed[scope], any = reasons, true
      elseif type(gate.valid_until_epoch_ms) ~= 'number' or now >= gate.valid_until_epoch_ms then
        closed[scope], any = {'EVALUATION_EXPIRED'}, true
      end
    end
  end
  if any then
    return {'REJECTED', 'TRADING_GATE_CLOSED', 'a daily trading gate is closed: only reduce-only orders', 0, cjson.encode(closed)}
  end
end
if recon.state ~= 'READY' and not reduce_only then
  return {'REJECTED', 'REDUCE_ONLY_REQUIRED', 'reconciliation is ' .. recon.state .. ': only reduce-only orders', 0}
end
if breaker.state == 'QUIET_PERIOD' and not reduce_only then
  return {'REJECTED', 'REDUCE_ONLY_REQUIRED', 'breaker quiet period: only reduce-only orders', 0}
end

if reduce_only then
  -- Must shrink the position, counting orders already working on the same side.
  local room = buy and (-pos - wbuy) or (pos - wsell)
  if qty > room then
    return {'REJECTED', 'REDUCE_ONLY_REQUIRED', 'reduce-only order would not reduce the position', 0}
  end
else
  local projected = buy and (pos + wbuy + qty) or (-pos + wsell + qty)
  if projected > tonumber(ARGV[8]) then
    return {'REJECTED', 'POSITION_LIMIT', 'position limit would be exceeded', 0}
  end
  if projected > tonumber(ARGV[9]) then
    return {'REJECTED', 'SYMBOL_CAP', 'per-symbol USD cap would be exceeded', 0}
  end
end

-- Token buckets (milli-tokens; burst = 2 s of rate). Refused orders take no token.
local buckets = {}
for i = 0, 2 do
  local rate = tonumber(ARGV[10 + i])
  local cap = rate * 2000
  local b = redis.call('HMGET', KEYS[6 + i], 'tokens', 'ts')
  local tokens = tonumber(b[1]) or cap
  local last = tonumber(b[2]) or now
  tokens = math.min(cap, tokens + math.max(0, now - last) * rate)
  if tokens < 1000 then
    return {'REJECTED', 'RATE_LIMITED', 'order rate limit reached', math.ceil((1000 - tokens) / rate)}
  end
  buckets[i] = {tokens - 1000, cap, rate}
end
for i = 0, 2 do
  redis.call('HSET', KEYS[6 + i], 'tokens', buckets[i][1], 'ts', now)
  redis.call('PEXPIRE', KEYS[6 + i], 60000)
end

redis.call('SET', KEYS[9], ARGV[5] .. '|' .. ARGV[6], 'EX', tonumber(ARGV[7]))
redis.call('HINCRBY', KEYS[10], buy and 'wbuy' or 'wsell', ARGV[2])
return {'ADMITTED', 'ADMITTED', ARGV[6], 0}
