package dev.tenacious.discover;

/**
 * A JDBC URL without what may be secret: user and password (in an authority's user info, or Oracle's
 * {@code user/password@}) and every parameter ({@code ;key=value} of H2, Derby and SQL Server,
 * {@code ?key=value} of PostgreSQL and MySQL, DB2's {@code :key=value;}). What is left names the
 * database: its driver, host, port and name. When in doubt, more is cut rather than less.
 */
final class JdbcUrls {
    static final int MAX_LENGTH = 200;

    private JdbcUrls() {
    }

    static String strip(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim();
        int cut = firstOf(u, ";?&");
        if (cut >= 0) {
            u = u.substring(0, cut);
        }
        int at = u.lastIndexOf('@');
        if (at >= 0) {
            int slashes = u.indexOf("//");
            if (slashes >= 0 && slashes < at) {
                u = u.substring(0, slashes + 2) + u.substring(at + 1); // jdbc:postgresql://user:pw@host/db
            } else {
                u = u.substring(0, prefixEnd(u)) + u.substring(at); // jdbc:oracle:thin:user/pw@host:1521:db
            }
        }
        int equals = u.indexOf('=');
        if (equals >= 0) { // key=value parameters still there (DB2's db:user=x;)
            int before = Math.max(u.lastIndexOf(':', equals), u.lastIndexOf('/', equals));
            u = u.substring(0, Math.max(0, before));
        }
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < u.length() && clean.length() < MAX_LENGTH; i++) {
            char c = u.charAt(i);
            clean.append(c >= 0x21 && c < 0x7f ? c : '?');
        }
        return clean.length() == 0 ? "jdbc" : clean.toString();
    }

    /** The end of the leading {@code word:word:} run ({@code jdbc:oracle:thin:}), where credentials may start. */
    private static int prefixEnd(String u) {
        int end = 0;
        int segment = 0;
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == ':') {
                if (i == segment) {
                    break;
                }
                end = i + 1;
                segment = i + 1;
            } else if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                break;
            }
        }
        return end;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
