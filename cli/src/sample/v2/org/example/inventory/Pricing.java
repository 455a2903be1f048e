package org.example.inventory;

/** Prices in cents. */
public class Pricing {
    public long price(String item) {
        // Bulk items are cheaper per letter.
        return item.length() * (item.length() > 10 ? 80L : 100L);
    }
}
