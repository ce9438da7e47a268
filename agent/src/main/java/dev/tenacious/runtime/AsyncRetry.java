package dev.tenacious.runtime;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.decision.DaemonThreads;
import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.Decisions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Retries a call whose method returns a future (HttpClient.sendAsync, an application method returning
 * a CompletableFuture), or that answers through a callback (OkHttp's enqueue, through a
 * {@link CallbackRelay}), without blocking a thread: when an attempt fails transiently (or completes
 * with a retried status), the next attempt is a new call made by a shared scheduler thread after the
 * backoff, and the caller's future (or callback) gets the final outcome. Each decision goes through
 * the same {@link RetryExecutor} as a synchronous retry, which for these calls returns the delay
 * instead of sleeping it.
 */
final class AsyncRetry implements BiConsumer<Object, Throwable> {
    private static volatile ScheduledExecutorService scheduler;

    private final RetryExecutor executor;
    private final int site;
    private final PresetCall call;
    /** The caller's future; null when the call answers through its callback ({@link PresetCall#relay}). */
    private final CompletableFuture<Object> result;
    /** Null for the first attempt, else the state the previous decision returned. */
    private final RetryState state;

    private AsyncRetry(RetryExecutor executor, int site, PresetCall call, CompletableFuture<Object> result,
                       RetryState state) {
        this.executor = executor;
        this.site = site;
        this.call = call;
        this.result = result;
        this.state = state;
    }

    /** Watches the first attempt's future; the caller gets the returned outcome's future instead. */
    static Outcome start(RetryExecutor executor, int site, PresetCall call, long start, CompletionStage<?> first) {
        CompletableFuture<Object> result = new CompletableFuture<Object>();
        call.start = start;
        first.whenComplete(new AsyncRetry(executor, site, call, result, null));
        return new Outcome(null, result);
    }

    /**
     * Watches the first attempt of a call that answers through a callback: set up before the call is
     * made, since the library may answer before the woven method has returned.
     */
    static void watchCallback(RetryExecutor executor, int site, PresetCall call) {
        call.relay.watch(new AsyncRetry(executor, site, call, null, null));
    }

    @Override
    public void accept(Object value, Throwable error) {
        try {
            Throwable thrown = unwrap(error);
            Throwable failure = call.failureOf(thrown, thrown == null ? value : null);
            Object next = executor.complete(call.binding, site, call.admission, call.start, state, failure, call);
            if (next instanceof RetryState) {
                schedule((RetryState) next, failure);
            } else if (next instanceof Outcome) {
                Outcome o = (Outcome) next;
                finish(o.value, o.thrown);
            } else {
                finish(value, error);
            }
        } catch (Throwable e) {
            Log.warnOnce("async:" + site, "internal error in an asynchronous retry of " + Sites.describe(site)
                    + "; the call ends with its last outcome: " + e);
            finish(value, error);
        }
    }

    private void finish(Object value, Throwable error) {
        if (result == null) {
            call.relay.finish(error != null ? null : value, error != null ? unwrap(error) : null);
        } else if (error != null) {
            result.completeExceptionally(unwrap(error));
        } else {
            result.complete(value);
        }
    }

    private void schedule(final RetryState next, final Throwable failure) {
        scheduler().schedule(new Runnable() {
            @Override
            public void run() {
                attempt(next, failure);
            }
        }, next.previousDelayNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs the next attempt after its backoff: a breaker permit first, then the call itself. */
    private void attempt(RetryState next, Throwable lastFailure) {
        RetryState admitted = next;
        Binding b = call.binding;
        if (call.relay != null && call.preset.canceled(call.self, lastFailure)) {
            if (b.bulkhead != null) {
                b.bulkhead.release();
            }
            finish(null, new java.io.IOException("Canceled")); // as the library says of a canceled call
            return;
        }
        if (b.breaker != null) {
            CircuitBreaker.Phase phase = b.breaker.tryAcquire(executor.clock().nanoTime());
            if (phase == null) {
                Decisions.record(Decision.BREAKER_OPEN, b.policy.state, b.method, next.attempt - 1, null, 0,
                        "opened during the backoff");
                if (b.bulkhead != null) {
                    b.bulkhead.release();
                }
                finish(null, new CircuitOpenException(b.policy.name + ": circuit open, " + b.method + " not retried"));
                return;
            }
            admitted = new RetryState(b, next.startNanos, next.attempt, next.previousDelayNanos, phase,
                    executor.clock().nanoTime());
        }
        AsyncRetry watcher = new AsyncRetry(executor, site, call, result, admitted);
        if (result == null) {
            call.relay.watch(watcher); // before the new call, which may answer at once
        }
        Object future;
        try {
            future = call.callAgain();
        } catch (Throwable t) {
            watcher.accept(null, t);
            return;
        }
        if (result == null) {
            return; // the new call answers through the relay
        }
        if (future instanceof CompletionStage) {
            ((CompletionStage<?>) future).whenComplete(watcher);
        } else {
            watcher.accept(future, null); // a method that returned null instead of a future: nothing to retry
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static ScheduledExecutorService scheduler() {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            synchronized (AsyncRetry.class) {
                s = scheduler;
                if (s == null) {
                    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                            DaemonThreads.named("tenacious-async-retry"));
                    pool.setRemoveOnCancelPolicy(true);
                    scheduler = s = pool;
                }
            }
        }
        return s;
    }
}
