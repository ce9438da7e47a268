package dev.tenacious.runtime.breaker;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.Clock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A circuit breaker with Resilience4j's states and transitions: CLOSED records every attempt in a
 * sliding {@link Window} and opens when the failure or slow-call rate reaches its threshold; OPEN
 * refuses every attempt for {@code openFor}; then HALF_OPEN admits exactly {@code halfOpenCalls}
 * probes, whose outcomes close it or open it again.
 *
 * <p>Each state is an immutable-identity {@link Phase} behind one {@link AtomicReference}, moved only
 * by compare-and-set. An attempt records its outcome into the phase that admitted it, and only while
 * that phase is current: a slow call admitted before the breaker opened cannot count as a half-open
 * probe, and a probe's outcome cannot leak into the next CLOSED window (the races users of
 * Resilience4j reported). Half-open permits are taken by CAS, so no more than {@code halfOpenCalls}
 * probes are ever in flight.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final String name;
    private final CircuitBreakerConfig config;
    private final AtomicReference<Phase> phase;
    private final LongAdder rejected = new LongAdder();
    private final LongAdder transitions = new LongAdder();

    public CircuitBreaker(String name, CircuitBreakerConfig config, long nowNanos) {
        this.name = name;
        this.config = config;
        this.phase = new AtomicReference<Phase>(new Phase(State.CLOSED, nowNanos));
    }

    /** As {@link #tryAcquire(long)}, reading the clock only when the breaker is not closed. */
    public Phase tryAcquire(Clock clock) {
        Phase p = phase.get();
        return p.state == State.CLOSED ? p : tryAcquire(clock.nanoTime());
    }

    /** @return the phase admitting the attempt, or null when the breaker refuses it */
    public Phase tryAcquire(long nowNanos) {
        while (true) {
            Phase p = phase.get();
            switch (p.state) {
                case CLOSED:
                    return p;
                case OPEN:
                    if (nowNanos - p.since < config.openForNanos()) {
                        rejected.increment();
                        return null;
                    }
                    moveTo(p, State.HALF_OPEN, nowNanos);
                    break; // read the new phase
                default:
                    for (int left = p.probesLeft.get(); left > 0; left = p.probesLeft.get()) {
                        if (p.probesLeft.compareAndSet(left, left - 1)) {
                            return p;
                        }
                    }
                    if (nowNanos - p.since >= config.openForNanos()) {
                        // every probe was admitted but some never reported (an error inside the agent):
                        // start a fresh half-open phase rather than stay stuck
                        moveTo(p, State.HALF_OPEN, nowNanos);
                        break;
                    }
                    rejected.increment();
                    return null;
            }
        }
    }

    /** As {@link #isOpen(long)}, reading the clock only when the breaker is open. */
    public boolean isOpen(Clock clock) {
        return phase.get().state == State.OPEN && isOpen(clock.nanoTime());
    }

    /** Whether recording an attempt needs its duration (slow calls, a time window). */
    public boolean timed() {
        return config.needsClock();
    }

    /** Whether an attempt would be refused now (checked before a backoff, so no sleep is taken in vain). */
    public boolean isOpen(long nowNanos) {
        Phase p = phase.get();
        return p.state == State.OPEN && nowNanos - p.since < config.openForNanos();
    }

    /**
     * Records an attempt admitted by {@code admitted}; ignored if that phase has already ended. The
     * clock is read only where the time matters (a time window, a transition).
     */
    public void record(Phase admitted, boolean failure, long durationNanos, Clock clock) {
        if (phase.get() != admitted) {
            return;
        }
        boolean slow = config.slowOverNanos() > 0 && durationNanos >= config.slowOverNanos();
        if (admitted.state == State.CLOSED) {
            if (admitted.window.record(failure, slow, config.timeWindow() ? clock.nanoTime() : 0)) {
                moveTo(admitted, State.OPEN, clock.nanoTime());
            }
            return;
        }
        if (admitted.state == State.HALF_OPEN) {
            if (failure) {
                admitted.probeFailures.incrementAndGet();
            }
            if (slow) {
                admitted.probeSlow.incrementAndGet();
            }
            int recorded = admitted.probesRecorded.incrementAndGet();
            if (recorded == config.halfOpenCalls()) {
                // the probes are the whole sample: minimumCalls does not apply here
                boolean reopen = (double) admitted.probeFailures.get() / recorded >= config.failureRate()
                        || (config.slowOverNanos() > 0 && (double) admitted.probeSlow.get() / recorded >= config.slowRate());
                moveTo(admitted, reopen ? State.OPEN : State.CLOSED, clock.nanoTime());
            }
        }
    }

    private void moveTo(Phase from, State to, long nowNanos) {
        if (phase.compareAndSet(from, new Phase(to, nowNanos))) {
            transitions.increment();
            Log.info(name + ": circuit breaker " + from.state + " -> " + to);
        }
    }

    public State state() {
        return phase.get().state;
    }

    public long rejected() {
        return rejected.sum();
    }

    public long transitions() {
        return transitions.sum();
    }

    public CircuitBreakerConfig config() {
        return config;
    }

    /** One state of the breaker, from one transition to the next: what admitted an attempt. */
    public final class Phase {
        final State state;
        final long since;
        final Window window;
        final AtomicInteger probesLeft;
        final AtomicInteger probesRecorded = new AtomicInteger();
        final AtomicInteger probeFailures = new AtomicInteger();
        final AtomicInteger probeSlow = new AtomicInteger();

        Phase(State state, long since) {
            this.state = state;
            this.since = since;
            this.window = state == State.CLOSED ? Window.of(config) : null;
            this.probesLeft = new AtomicInteger(state == State.HALF_OPEN ? config.halfOpenCalls() : 0);
        }

        /** Whether recording an attempt needs its duration: the breaker's {@link CircuitBreaker#timed}. */
        public boolean timed() {
            return CircuitBreaker.this.timed();
        }

        public CircuitBreaker breaker() {
            return CircuitBreaker.this;
        }
    }
}
