-- wrk script: POST /classify with the seed profiles in turn (bench/lib.sh writes bench/target/profiles/*.json).
-- No response() callback: wrk then skips parsing bodies, and its "errors" count non-2xx/3xx answers anyway.
local dir = os.getenv("BENCH_PROFILES") or "bench/target/profiles"
local bodies = {}
for i = 1, 13 do
  local f = io.open(dir .. "/" .. i .. ".json", "rb")
  if f then bodies[#bodies + 1] = f:read("*a"); f:close() end
end
assert(#bodies > 0, "no profiles in " .. dir)
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/classify", {["Content-Type"] = "application/json"}, bodies[(n % #bodies) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT wrk_classify requests=%d seconds=%.1f req_per_s=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
