package dev.tenacious.presets.reflect;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReflectTest {
    /** A public type whose int method throws, as a library's accessor may. */
    public static class Broken {
        public int code() {
            throw new IllegalStateException("closed");
        }
    }

    @Test
    void anIntIsReadThroughTheTypeThatDeclaresIt() throws Exception {
        assertEquals(8080, Reflect.callInt(URI.create("http://h:8080/x"), "java.net.URI", "getPort"));
        assertEquals(-1, Reflect.callInt(URI.create("http://h/x"), "java.net.URI", "getPort"));
        // the list's size() is declared by java.util.List: found on the interface, not ArrayList
        List<String> list = new ArrayList<>();
        list.add("a");
        assertEquals(1, Reflect.callInt(list, "java.util.List", "size"));
    }

    @Test
    void aTargetThatIsNotSuchATypeOrHasNoSuchMethodReadsAsMinusOne() throws Exception {
        assertEquals(-1, Reflect.callInt(null, "java.net.URI", "getPort"));
        assertEquals(-1, Reflect.callInt("not a uri", "java.net.URI", "getPort"));
        assertEquals(-1, Reflect.callInt(URI.create("http://h/"), "java.net.URI", "noSuchMethod"));
        // a method that returns no int is called the reflective way; its result is no int
        assertEquals(-1, Reflect.callInt(URI.create("http://h/"), "java.net.URI", "getHost"));
    }

    @Test
    void whatTheMethodThrowsReachesTheCallerAsItIs() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Reflect.callInt(new Broken(), Broken.class.getName(), "code"));
        assertEquals("closed", e.getMessage());
    }

    @Test
    void aMethodIsFoundOnceAndAMissingOneIsRemembered() {
        assertSame(Reflect.method(URI.class, "java.net.URI", "getPort"), Reflect.method(URI.class, "java.net.URI", "getPort"));
        assertNull(Reflect.method(URI.class, "java.net.URI", "noSuchMethod"));
        assertNull(Reflect.method(URI.class, "java.net.URI", "noSuchMethod"));
    }
}
