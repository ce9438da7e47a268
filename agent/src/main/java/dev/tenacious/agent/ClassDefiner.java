package dev.tenacious.agent;

import java.lang.instrument.Instrumentation;

/**
 * Defines class files in the bootstrap loader. Called through this interface rather than by
 * reflection: from JDK 18 on, the first reflective call of a method with several parameters spins
 * method handles, tens of milliseconds at start-up.
 */
public interface ClassDefiner {
    /**
     * Defines each class, in the order given (supertypes first), in the bootstrap loader.
     *
     * @throws Exception the first failure; the classes before it stay defined
     */
    void define(Instrumentation inst, String[] names, byte[][] classFiles) throws Exception;
}
