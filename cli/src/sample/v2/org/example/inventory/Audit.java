package org.example.inventory;

/** New in version 2. */
public final class Audit {
    public String describe(Inventory inventory, String item) {
        return item + ": " + inventory.count(item);
    }
}
