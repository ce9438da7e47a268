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

    /** The step for a request with this query string (null if none); most scripts ignore it. */
    Step next(String query) {
        return next();
    }

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

    /**
     * Each caller, told apart by the request's query string, fails with {@code failure} with probability
     * {@code rate} on each request, at most {@code maxFailures} times: what a caller gets depends on its
     * key and the seed alone, never on how concurrent callers' requests interleave, so a run's figures
     * are the same every time (a caller that retries enough always gets through).
     */
    public static Script randomPerCaller(double rate, Step failure, long seed, int maxFailures) {
        return new PerCallerFailures(rate, failure, seed, maxFailures);
    }

    private static final class PerCallerFailures extends Script {
        private final double rate;
        private final Step failure;
        private final long seed;
        private final int maxFailures;
        private final java.util.Map<String, int[]> failures = new java.util.HashMap<>();
        private final java.util.Map<String, Random> randoms = new java.util.HashMap<>();

        PerCallerFailures(double rate, Step failure, long seed, int maxFailures) {
            this.rate = rate;
            this.failure = failure;
            this.seed = seed;
            this.maxFailures = maxFailures;
        }

        @Override
        Step next() {
            return next(null);
        }

        @Override
        synchronized Step next(String query) {
            String key = String.valueOf(query);
            int[] failed = failures.computeIfAbsent(key, k -> new int[1]);
            Random random = randoms.computeIfAbsent(key, k -> new Random(mix(seed * 31 + k.hashCode())));
            if (failed[0] < maxFailures && random.nextDouble() < rate) {
                failed[0]++;
                return failure;
            }
            return Step.ok();
        }
    }

    /** Spreads nearby seeds apart: {@code Random}'s first draws from seeds 1, 2, 3... are almost equal. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
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
