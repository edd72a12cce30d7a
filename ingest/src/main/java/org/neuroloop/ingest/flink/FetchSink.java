package org.neuroloop.ingest.flink;

/** Where a {@link StreamFetcher} hands its records: the reader's queue. */
interface FetchSink<T> {
    /**
     * Queues a record with its event timestamp (ms); blocks while the queue is full (back-pressure).
     *
     * @return false if the fetcher should stop (reader closing)
     */
    boolean put(String splitId, T record, long timestampMillis) throws InterruptedException;

    /** The split had no data for the stale timeout: its watermark should go idle. */
    void idle(String splitId) throws InterruptedException;
}
