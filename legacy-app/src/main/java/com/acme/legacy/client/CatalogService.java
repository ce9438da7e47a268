package com.acme.legacy.client;

import java.io.IOException;

/** A service method that calls a client method: when both are woven, only this outer one may retry. */
public class CatalogService {
    private final InventoryClient inventory;

    public CatalogService(InventoryClient inventory) {
        this.inventory = inventory;
    }

    public String describe(String path) throws IOException {
        return "item: " + inventory.fetch(path);
    }
}
