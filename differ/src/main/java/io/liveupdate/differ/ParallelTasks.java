package io.liveupdate.differ;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Maps a list in parallel on a caller's {@link Executor}, with the calling thread taking part: helpers are only
 * offered to the executor, and whatever they have not taken the caller does itself. So a bounded or saturated pool,
 * or a pool whose own threads call this (several diffs at once in a history walk), never deadlocks, and a
 * {@code Runnable::run} executor simply runs everything on the caller's thread.
 */
final class ParallelTasks {
    private ParallelTasks() {}

    static <T, R> List<R> map(List<T> items, Function<T, R> task, Executor executor, int parallelism) {
        int n = items.size();
        if (n <= 1 || parallelism <= 1) {
            List<R> out = new ArrayList<>(n);
            items.forEach(item -> out.add(task.apply(item)));
            return out;
        }
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                try {
                    if (failure.get() == null) {
                        results[i] = task.apply(items.get(i));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int h = 1; h < Math.min(parallelism, n); h++) {
            try {
                executor.execute(worker);
            } catch (RejectedExecutionException full) {
                break; // the caller does the rest
            }
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while classes were compared", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error error) {
            throw error;
        }
        List<R> out = new ArrayList<>(n);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            R result = (R) r;
            out.add(Objects.requireNonNull(result));
        }
        return out;
    }
}
