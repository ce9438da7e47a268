package com.acme.legacy.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The fault plan of one path: a list of steps taken in order, the last one repeating for ever, or a
 * random failure rate with a fixed seed so runs are reproducible.
 */
public abstract class Script {
    abstract Step next();

    /** Fails {@code times} requests with {@code status}, then answers 200. */
    public static Script failTimes(int times, int status) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            steps.add(Step.status(status));
        }
        steps.add(Step.ok());
        return sequence(steps.toArray(new Step[0]));
    }

    /** Every request gets {@code status}. */
    public static Script always(int status) {
        return sequence(Step.status(status));
    }

    public static Script alwaysOk() {
        return sequence(Step.ok());
    }

    /** Whatever {@code steps} says for each request (for scripts that change over time). */
    public static Script of(java.util.function.Supplier<Step> steps) {
        return new Script() {
            @Override
            Step next() {
                return steps.get();
            }
        };
    }

    /** Steps in order; the last repeats. */
    public static Script sequence(Step... steps) {
        return new Sequence(Arrays.asList(steps));
    }

    /** Each request fails with {@code failure} with probability {@code rate}, else 200. */
    public static Script random(double rate, Step failure, long seed) {
        return new RandomFailures(rate, failure, seed);
    }

    private static final class Sequence extends Script {
        private final List<Step> steps;
        private int next;

        Sequence(List<Step> steps) {
            this.steps = steps;
        }

        @Override
        synchronized Step next() {
            Step s = steps.get(Math.min(next, steps.size() - 1));
            next++;
            return s;
        }
    }

    private static final class RandomFailures extends Script {
        private final double rate;
        private final Step failure;
        private final Random random;

        RandomFailures(double rate, Step failure, long seed) {
            this.rate = rate;
            this.failure = failure;
            this.random = new Random(seed);
        }

        @Override
        synchronized Step next() {
            return random.nextDouble() < rate ? failure : Step.ok();
        }
    }
}
