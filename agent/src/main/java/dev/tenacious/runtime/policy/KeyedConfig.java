package dev.tenacious.runtime.policy;

/**
 * A configuration block whose equality is that of its keys ({@link Keys}): two versions are equal
 * when the file would write them the same way, so a reload keeps a breaker whose settings did not
 * change, whatever object the parser built.
 */
abstract class KeyedConfig implements Keys.Section {
    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Keys.of(this).equals(Keys.of((KeyedConfig) o));
    }

    @Override
    public final int hashCode() {
        return Keys.of(this).hashCode();
    }
}
