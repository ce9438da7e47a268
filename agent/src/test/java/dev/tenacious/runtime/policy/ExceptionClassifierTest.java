package dev.tenacious.runtime.policy;

import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExceptionClassifierTest {
    final ExceptionClassifier defaults = new ExceptionClassifier(ExceptionClassifier.DEFAULT_RETRY_ON,
            ExceptionClassifier.DEFAULT_ABORT_ON, true);

    /** A type the agent never loads by name: matched through its hierarchy. */
    static class VendorTimeout extends SocketTimeoutException {
    }

    @Test
    void subclassesOfRetryOnTypesAreTransient() {
        assertEquals(Classification.TRANSIENT, defaults.classify(new IOException("x")));
        assertEquals(Classification.TRANSIENT, defaults.classify(new VendorTimeout()));
        assertEquals(Classification.TRANSIENT, defaults.classify(new SQLTransientConnectionException()));
    }

    @Test
    void abortOnWinsOverRetryOnForTheSameException() {
        // UnknownHostException and FileNotFoundException are IOExceptions too
        assertEquals(Classification.PERMANENT, defaults.classify(new UnknownHostException("h")));
        assertEquals(Classification.PERMANENT, defaults.classify(new FileNotFoundException("f")));
        assertEquals(Classification.PERMANENT, defaults.classify(new SQLIntegrityConstraintViolationException()));
    }

    @Test
    void anythingElseIsUnclassified() {
        assertEquals(Classification.UNCLASSIFIED, defaults.classify(new IllegalStateException()));
        assertEquals(Classification.UNCLASSIFIED, defaults.classify(new OutOfMemoryError()));
    }

    @Test
    void causesAreClassifiedWhenEnabled() {
        RuntimeException wrapped = new RuntimeException(new IOException("reset"));
        assertEquals(Classification.TRANSIENT, defaults.classify(wrapped));
        assertEquals(Classification.TRANSIENT, defaults.classify(new UncheckedIOException(new IOException())));
        ExceptionClassifier own = new ExceptionClassifier(ExceptionClassifier.DEFAULT_RETRY_ON,
                ExceptionClassifier.DEFAULT_ABORT_ON, false);
        assertEquals(Classification.UNCLASSIFIED, own.classify(wrapped));
    }

    @Test
    void aPermanentCauseMakesTheWholeChainPermanent() {
        IOException transientOnTop = new IOException("lookup failed", new UnknownHostException("db"));
        assertEquals(Classification.PERMANENT, defaults.classify(transientOnTop));
    }

    @Test
    void typeNamesTheAgentCannotLoadStillMatchByName() {
        ExceptionClassifier c = new ExceptionClassifier(List.of(VendorTimeout.class.getName()),
                List.of("com.vendor.NotOnThisClassPath"), true);
        assertEquals(Classification.TRANSIENT, c.classify(new VendorTimeout()));
        assertEquals(Classification.UNCLASSIFIED, c.classify(new SocketTimeoutException()));
    }

    @Test
    void causeCyclesTerminate() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertEquals(Classification.UNCLASSIFIED, defaults.classify(a));
    }
}
