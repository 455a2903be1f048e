package org.example.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Version 1 of the sample service the README's first command compares with version 2. */
public class Inventory {
    static final int MAX_ITEMS = 100;

    private final Map<String, Integer> stock = new HashMap<>();

    public void add(String item, int count) {
        stock.merge(item, count, Integer::sum);
    }

    public int count(String item) {
        return stock.getOrDefault(item, 0);
    }

    public long lowStock() {
        Predicate<Integer> low = n -> n < 5;
        return stock.values().stream().filter(low).count();
    }
}
