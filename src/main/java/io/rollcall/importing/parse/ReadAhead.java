package io.rollcall.importing.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads a roster's data rows on a thread of its own, a few batches ahead of the caller, so that
 * parsing the file and checking and staging the rows already parsed use two cores. Memory holds a
 * few batches ({@value #BATCHES_AHEAD} waiting, one being filled, one being read), each of at most
 * {@value #BATCH} rows or about {@link Limits#MAX_ROW_CHARS} characters. What the reading
 * thread throws (a file error, a failed read, even an Error) comes out of {@link #next()} at the
 * row where it happened. Close it before the reader.
 */
public final class ReadAhead implements AutoCloseable {

    private static final int BATCH = 500;
    // A batch also ends at this many characters, so that a file of long rows is held a few megabytes at a time.
    private static final int BATCH_CHARS = Limits.MAX_ROW_CHARS;
    private static final int BATCHES_AHEAD = 4;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private record Batch(List<ParsedRow> rows, Throwable failure, boolean last) {
    }

    private final Supplier<Optional<ParsedRow>> source;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private volatile boolean closed;
    private Iterator<ParsedRow> current = Collections.emptyIterator();
    private boolean ended;
    private Throwable failure;

    /** Starts reading at once from {@code source} (a {@link RosterReader}'s {@code next}). */
    public ReadAhead(Supplier<Optional<ParsedRow>> source, String threadName) {
        this.source = source;
        this.thread = new Thread(this::read, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        var rows = new ArrayList<ParsedRow>(BATCH);
        long chars = 0;
        Throwable thrown = null;
        try {
            for (var row = source.get(); row.isPresent(); row = source.get()) {
                rows.add(row.get());
                chars += length(row.get());
                if (rows.size() == BATCH || chars >= BATCH_CHARS) {
                    if (!hand(new Batch(rows, null, false))) {
                        return;
                    }
                    rows = new ArrayList<>(BATCH);
                    chars = 0;
                }
            }
        } catch (RuntimeException | Error e) {
            // Handed on even when it is an Error: the caller must not wait for rows that never come.
            thrown = e;
        }
        hand(new Batch(rows, thrown, true));
    }

    private static long length(ParsedRow row) {
        long n = 0;
        for (var field : row.fields()) {
            n += field.length();
        }
        return n;
    }

    // False once closed: the caller wants no more rows.
    private boolean hand(Batch batch) {
        try {
            while (!closed) {
                if (batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * The next data row, or empty at the end of the file.
     *
     * @throws FileRejected as {@link RosterReader#next()} does
     */
    public Optional<ParsedRow> next() {
        while (!current.hasNext()) {
            if (failure != null) {
                throwFailure();
            }
            if (ended) {
                return Optional.empty();
            }
            var batch = take();
            current = batch.rows().iterator();
            ended = batch.last();
            failure = batch.failure();
        }
        return Optional.of(current.next());
    }

    private void throwFailure() {
        if (failure instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) failure;
    }

    // Not interruptible: a worker interrupted at shutdown goes on as it would in a database call,
    // and its job is taken over later, rather than ending FAILED.
    private Batch take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return batches.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops the reading thread and waits for it (a while at most: a read from a database that is
     * gone may hang until its timeout), so that the reader can then be closed. No interrupt: an
     * interrupted read of the embedded H2 database closes its file for good.
     */
    @Override
    public void close() {
        closed = true;
        batches.clear();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
