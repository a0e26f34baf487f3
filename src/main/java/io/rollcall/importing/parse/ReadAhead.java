package io.rollcall.importing.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a roster's data rows on a thread of its own, a few batches ahead of the caller, so that
 * parsing the file and checking and staging the rows already parsed use two cores. Memory holds
 * at most {@value #BATCHES_AHEAD} batches. What the reading thread throws (a file error, a failed
 * read) comes out of {@link #next()} at the row where it happened. Close it before the reader.
 */
public final class ReadAhead implements AutoCloseable {

    private static final int BATCH = 500;
    private static final int BATCHES_AHEAD = 4;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private record Batch(List<ParsedRow> rows, RuntimeException failure, boolean last) {
    }

    private final RosterReader reader;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private volatile boolean closed;
    private Iterator<ParsedRow> current = Collections.emptyIterator();
    private boolean ended;

    /** Starts reading at once; the header must have been read already. */
    public ReadAhead(RosterReader reader, String threadName) {
        this.reader = reader;
        this.thread = new Thread(this::read, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try {
            Batch last;
            try {
                var rows = new ArrayList<ParsedRow>(BATCH);
                for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                    rows.add(row.get());
                    if (rows.size() == BATCH) {
                        hand(new Batch(rows, null, false));
                        rows = new ArrayList<>(BATCH);
                    }
                }
                last = new Batch(rows, null, true);
            } catch (RuntimeException e) {
                last = new Batch(List.of(), e, true);
            }
            hand(last);
        } catch (InterruptedException e) {
            // Closed: the caller wants no more rows.
        }
    }

    private void hand(Batch batch) throws InterruptedException {
        while (!closed) {
            if (batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        throw new InterruptedException("closed");
    }

    /**
     * The next data row, or empty at the end of the file.
     *
     * @throws FileRejected as {@link RosterReader#next()} does
     */
    public Optional<ParsedRow> next() {
        while (!current.hasNext()) {
            if (ended) {
                return Optional.empty();
            }
            var batch = take();
            if (batch.failure() != null) {
                ended = true;
                throw batch.failure();
            }
            current = batch.rows().iterator();
            ended = batch.last();
        }
        return Optional.of(current.next());
    }

    private Batch take() {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the file's next rows", e);
        }
    }

    /**
     * Stops the reading thread and waits for it (a while at most: a read from a database that is
     * gone may hang until its timeout), so that the reader can then be closed.
     */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        batches.clear();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
