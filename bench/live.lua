-- wrk script: GET /q/health/live, the partner of POST /classify in figure 1 of BENCHMARKS.md (the HTTP stack with
-- next to no work behind it, so the ratio shows what classifying adds)
request = function()
  return wrk.format("GET", "/q/health/live")
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT wrk_live requests=%d seconds=%.1f req_per_s=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
