package io.tripwire.reconciler.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run found and did: a count per diff class (always complete) and the differences themselves
 * (bounded), written to {@code reconciliation_runs}. Mismatch kinds feed
 * {@code reconciliation_mismatches_total{kind}}.
 */
public final class RunLog {

    private final String runId;
    private final Instant startedAt;
    private final int maxEntries;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> mismatches = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> entries = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong dropped = new AtomicLong();

    public RunLog(String runId, Instant startedAt, int maxEntries) {
        this.runId = runId;
        this.startedAt = startedAt;
        this.maxEntries = maxEntries;
    }

    public String runId() {
        return runId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public void count(String diffClass) {
        count(diffClass, 1);
    }

    public void count(String diffClass, long n) {
        if (n != 0) {
            counts.computeIfAbsent(diffClass, k -> new AtomicLong()).addAndGet(n);
        }
    }

    /** Counts a difference the operator should know about, under a low-cardinality mismatch kind. */
    public void mismatch(String kind, String diffClass, Map<String, Object> detail) {
        count(diffClass);
        mismatches.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        note(diffClass, detail);
    }

    /** Records one difference in the report (bounded; the counts stay complete). */
    public void note(String diffClass, Map<String, Object> detail) {
        synchronized (entries) {
            if (entries.size() >= maxEntries) {
                dropped.incrementAndGet();
                return;
            }
            Map<String, Object> entry = new TreeMap<>(detail);
            entry.put("class", diffClass);
            entries.add(entry);
        }
    }

    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        if (dropped.get() > 0) {
            out.put("report_entries_dropped", dropped.get());
        }
        return out;
    }

    public Map<String, Long> mismatches() {
        Map<String, Long> out = new TreeMap<>();
        mismatches.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long get(String diffClass) {
        AtomicLong value = counts.get(diffClass);
        return value == null ? 0 : value.get();
    }

    public List<Map<String, Object>> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
