package com.acme.legacy.client;

import java.io.IOException;

/**
 * The inventory client as many applications wrap it: its I/O failures become the application's own
 * unchecked exceptions, the cause set the modern way, or kept the way code older than Java 1.4 did.
 */
public class WrappedInventory {
    private final InventoryClient inventory;

    public WrappedInventory(InventoryClient inventory) {
        this.inventory = inventory;
    }

    /** {@link InventoryClient#fetch}, its failures wrapped in {@link InventoryUnavailable} (the cause is set). */
    public String fetchWrapped(String path) {
        try {
            return inventory.fetch(path);
        } catch (IOException e) {
            throw new InventoryUnavailable("inventory unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * {@link InventoryClient#fetch}, its failures wrapped in an exception that keeps its own cause and
     * overrides {@code getCause()} (as {@code InvocationTargetException} still does).
     */
    public String fetchWrappedTheOldWay(String path) {
        try {
            return inventory.fetch(path);
        } catch (IOException e) {
            throw new OldStyleWrapper("inventory unavailable", e);
        }
    }

    /** A wrapper that never sets {@code Throwable}'s cause: only its {@code getCause()} tells it. */
    public static final class OldStyleWrapper extends RuntimeException {
        private final Throwable detail;

        OldStyleWrapper(String message, Throwable detail) {
            super(message + ": " + detail.getMessage());
            this.detail = detail;
        }

        @Override
        public Throwable getCause() {
            return detail;
        }
    }
}
