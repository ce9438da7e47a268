package dev.tenacious.discover;

import dev.tenacious.presets.reflect.Reflect;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which database a JDBC call goes to, by its URL stripped of user, password and parameters
 * ({@link JdbcUrls}): the URL a driver is asked to connect to, the one a data source is configured
 * with, or the one a statement's connection reports. Read through the public JDBC API by reflection
 * (the agent cannot link against {@code java.sql}), once per connection, statement or data source,
 * whose identities are cached.
 */
final class JdbcTargets {
    static final int STATEMENT = 0;
    static final int CONNECT = 1;
    static final int DATA_SOURCE = 2;
    static final int OTHER = 3;
    static final String[] KIND_NAMES = {"statement", "connection", "connection", "other"};
    static final String UNKNOWN = "jdbc:unknown";
    private static final String STATEMENT_TYPE = "java.sql.Statement";
    private static final String CONNECTION_TYPE = "java.sql.Connection";
    private static final String METADATA_TYPE = "java.sql.DatabaseMetaData";
    private static final String[] DATA_SOURCE_GETTERS = {"getJdbcUrl", "getUrl", "getURL", "getDatabaseUrl"};
    private static final String[] URL_FIELDS = {"jdbcUrl", "url", "URL"};
    private static final int MAX_URLS = 256;

    private static final ClassValue<Integer> KIND = new ClassValue<Integer>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            if (Reflect.isA(type, STATEMENT_TYPE)) {
                return STATEMENT;
            }
            if (Reflect.isA(type, "java.sql.Driver")) {
                return CONNECT;
            }
            if (Reflect.isA(type, "javax.sql.DataSource")) {
                return DATA_SOURCE;
            }
            return OTHER;
        }
    };

    private final IdentityCache<String> byStatement = new IdentityCache<String>(1024);
    private final IdentityCache<String> byConnection = new IdentityCache<String>(512);
    private final IdentityCache<String> byDataSource = new IdentityCache<String>(64);
    private final ConcurrentHashMap<String, String> stripped = new ConcurrentHashMap<String, String>();
    private final ConcurrentHashMap<String, Boolean> accepted = new ConcurrentHashMap<String, Boolean>();

    static int kind(Object self) {
        return self == null ? OTHER : KIND.get(self.getClass());
    }

    /** The stripped URL of the call's database; {@link #UNKNOWN} when it cannot be read. */
    String url(int kind, Object self, Object a0) {
        switch (kind) {
            case CONNECT:
                return a0 instanceof String ? strip((String) a0) : UNKNOWN;
            case DATA_SOURCE:
                return dataSourceUrl(self);
            case STATEMENT:
                return statementUrl(self);
            default:
                return UNKNOWN;
        }
    }

    /**
     * Whether a driver asked to connect declines the URL (DriverManager asks every registered driver in
     * turn, and each answers null for another's URL): such a call is no call to the database.
     */
    boolean declines(Object driver, Object url) {
        if (!(url instanceof String) || driver == null) {
            return false;
        }
        String key = driver.getClass().getName() + ' ' + url;
        Boolean accepts = accepted.get(key);
        if (accepts == null) {
            try {
                accepts = Boolean.TRUE.equals(Reflect.call(driver, "java.sql.Driver", "acceptsURL",
                        new String[] {"java.lang.String"}, url));
            } catch (Exception e) {
                accepts = Boolean.TRUE;
            }
            if (accepted.size() < MAX_URLS) {
                accepted.put(key, accepts);
            }
        }
        return !accepts;
    }

    private String statementUrl(Object statement) {
        String url = byStatement.get(statement);
        if (url != null) {
            return url;
        }
        try {
            Object connection = Reflect.call(statement, STATEMENT_TYPE, "getConnection");
            if (connection == null) {
                return UNKNOWN;
            }
            url = byConnection.get(connection);
            if (url == null) {
                Object metadata = Reflect.call(connection, CONNECTION_TYPE, "getMetaData");
                Object raw = Reflect.call(metadata, METADATA_TYPE, "getURL");
                url = raw instanceof String ? strip((String) raw) : UNKNOWN;
                byConnection.put(connection, url);
            }
        } catch (Exception e) {
            url = UNKNOWN; // a closed statement: its next execution will tell
            return url;
        }
        byStatement.put(statement, url);
        return url;
    }

    private String dataSourceUrl(Object dataSource) {
        String url = byDataSource.get(dataSource);
        if (url != null) {
            return url;
        }
        url = UNKNOWN;
        String field = urlField(dataSource);
        if (field != null) {
            url = strip(field);
        }
        for (int i = 0; i < DATA_SOURCE_GETTERS.length && url == UNKNOWN; i++) {
            String getter = DATA_SOURCE_GETTERS[i];
            try {
                java.lang.reflect.Method m = dataSource.getClass().getMethod(getter);
                Object raw = m.getReturnType() == String.class ? m.invoke(dataSource) : null;
                if (raw instanceof String && ((String) raw).startsWith("jdbc:")) {
                    url = strip((String) raw);
                    break;
                }
            } catch (Exception | LinkageError e) {
                // not this getter
            }
        }
        byDataSource.put(dataSource, url);
        return url;
    }

    /**
     * A JDBC URL a data source holds in a field of its own without a getter (HikariCP's
     * {@code DriverDataSource}, which its pool connects through), or null.
     */
    private static String urlField(Object dataSource) {
        for (Class<?> c = dataSource.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (String name : URL_FIELDS) {
                try {
                    java.lang.reflect.Field f = c.getDeclaredField(name);
                    if (f.getType() == String.class) {
                        f.setAccessible(true);
                        Object v = f.get(dataSource);
                        if (v instanceof String && ((String) v).startsWith("jdbc:")) {
                            return (String) v;
                        }
                    }
                } catch (Exception | LinkageError e) {
                    // not there, or not open to the agent
                }
            }
        }
        return null;
    }

    private String strip(String raw) {
        String s = stripped.get(raw);
        if (s == null) {
            s = JdbcUrls.strip(raw);
            if (stripped.size() < MAX_URLS) {
                stripped.put(raw, s);
            }
        }
        return s;
    }
}
