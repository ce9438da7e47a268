package dev.tenacious.discover;

/**
 * Where a call was made from, as a stack walk found it: the innermost application frame, and the next
 * application method out (its caller, or the caller's caller when the frames between are a library's).
 * The file charges the call to the inner one, unless that one cannot be re-run by itself (it is handed
 * the single-use connection it reads): then to the outer one.
 */
final class Site {
    static final Site NONE = new Site(AppFrame.NONE, AppFrame.NONE);

    final AppFrame inner;
    final AppFrame outer;

    Site(AppFrame inner, AppFrame outer) {
        this.inner = inner;
        this.outer = outer;
    }

    @Override
    public String toString() {
        return inner + " <- " + outer;
    }
}
