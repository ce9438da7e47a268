package dev.tenacious.runtime;

/**
 * An admission whose attempt does not run the method body: a refusal ({@link Rejection}) or a chaos
 * fault. The woven entry code tests for this one type to skip the body.
 */
public abstract class SkippedAttempt extends Admission {
    SkippedAttempt() {
        super(false, false);
    }
}
