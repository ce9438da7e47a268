package dev.tenacious.presets.http;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): either delta-seconds or an
 * HTTP-date, which is turned into the time left from now. Anything else is ignored.
 */
public final class RetryAfter {
    private static final String[] DATE_FORMATS = {
            "EEE, dd MMM yyyy HH:mm:ss zzz",  // IMF-fixdate, the preferred form
            "EEEE, dd-MMM-yy HH:mm:ss zzz",   // obsolete RFC 850
            "EEE MMM d HH:mm:ss yyyy",        // obsolete asctime
    };

    private RetryAfter() {
    }

    /** The delay in nanoseconds (0 for a date in the past), or -1 if the value is absent or not understood. */
    public static long parseNanos(String value, long nowMillis) {
        if (value == null) {
            return -1;
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return -1;
        }
        if (isDigits(v)) {
            if (v.length() > 9) {
                return TimeUnit.SECONDS.toNanos(999_999_999L);
            }
            return TimeUnit.SECONDS.toNanos(Long.parseLong(v));
        }
        for (String format : DATE_FORMATS) {
            SimpleDateFormat f = new SimpleDateFormat(format, Locale.US);
            f.setTimeZone(TimeZone.getTimeZone("GMT"));
            f.setLenient(false);
            ParsePosition at = new ParsePosition(0);
            Date d = f.parse(v, at);
            if (d != null && at.getIndex() == v.length()) {
                return TimeUnit.MILLISECONDS.toNanos(Math.max(0, d.getTime() - nowMillis));
            }
        }
        return -1;
    }

    private static boolean isDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
