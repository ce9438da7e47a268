package dev.tenacious.runtime;

/** A policy's {@code fallback}: {@code return: empty}, or {@code throw: T} (a type name). */
public final class FallbackConfig {
    public static final FallbackConfig EMPTY = new FallbackConfig(null);

    private final String throwType;

    private FallbackConfig(String throwType) {
        this.throwType = throwType;
    }

    public static FallbackConfig throwing(String type) {
        return new FallbackConfig(type);
    }

    /** Null for {@code return: empty}. */
    public String throwType() {
        return throwType;
    }

    @Override
    public String toString() {
        return throwType == null ? "fallback: return empty" : "fallback: throw " + throwType;
    }
}
