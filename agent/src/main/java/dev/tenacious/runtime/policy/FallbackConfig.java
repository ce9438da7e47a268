package dev.tenacious.runtime.policy;

/** A policy's {@code fallback}: {@code return: empty}, or {@code throw: T} (a type name). */
public final class FallbackConfig implements Keys.Section {
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
    public void writeKeys(Keys k) {
        if (throwType == null) {
            k.put("return", "empty");
        } else {
            k.put("throw", throwType);
        }
    }

    @Override
    public String toString() {
        return throwType == null ? "fallback: return empty" : "fallback: throw " + throwType;
    }
}
