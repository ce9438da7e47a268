package dev.tenacious.runtime.policy;

/**
 * A policy's {@code jdbc} block, read by the {@code jdbc} preset: the query timeout given to
 * statements whose application set none ({@code Statement.setQueryTimeout}, whole seconds). Immutable.
 */
public final class JdbcConfig extends KeyedConfig {
    public static final JdbcConfig DEFAULT = new JdbcConfig(0);

    /** 0: none to apply. */
    private final int queryTimeoutSeconds;

    public JdbcConfig(int queryTimeoutSeconds) {
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /** The query timeout for statements that have none, in seconds; 0 for none. */
    public int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    @Override
    public void writeKeys(Keys k) {
        k.put("timeouts.query", queryTimeoutSeconds > 0 ? queryTimeoutSeconds + "s" : Keys.OFF);
    }

    @Override
    public String toString() {
        return queryTimeoutSeconds > 0 ? "query timeout " + queryTimeoutSeconds + "s" : "no query timeout";
    }
}
