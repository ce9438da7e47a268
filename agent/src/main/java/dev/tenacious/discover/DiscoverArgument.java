package dev.tenacious.discover;

import java.util.Collections;

/**
 * The agent argument {@code discover} or {@code discover=PATH}: discovery alone, with no policy file
 * (nothing is retried). Any other argument is a policy file's path.
 */
public final class DiscoverArgument {
    static final String WORD = "discover";

    private DiscoverArgument() {
    }

    /** The settings the argument asks for, or null when it is not a discovery argument. */
    public static DiscoverSettings parse(String argument) {
        if (argument == null) {
            return null;
        }
        String a = argument.trim();
        if (a.equals(WORD)) {
            return DiscoverSettings.defaults();
        }
        if (a.startsWith(WORD + "=")) {
            String path = a.substring(WORD.length() + 1).trim();
            return new DiscoverSettings(path.isEmpty() ? DiscoverSettings.DEFAULT_OUT : path,
                    DiscoverSettings.DEFAULT_EVERY_NANOS, Collections.<String>emptyList());
        }
        return null;
    }
}
