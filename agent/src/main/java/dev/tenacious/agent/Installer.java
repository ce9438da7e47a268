package dev.tenacious.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's start, as {@link AgentMain} calls it in the agent's class loader: through this interface
 * rather than by reflection, which from JDK 18 on spins method handles for a method with several
 * parameters (tens of milliseconds at start-up).
 */
public interface Installer {
    /**
     * @param runtime how the runtime got into the bootstrap loader, for the start-up line
     * @param start   when the agent's start began ({@code System.nanoTime()}), for the start-up line
     * @return the outcome in one line, {@code ok: ...} or {@code error: ...}: an attach reports it
     */
    String install(String argument, Instrumentation inst, boolean premain, String agentJar, String runtime, long start);
}
