package org.example.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Version 2: a bug fix, a raised limit and a new query. */
public class Inventory {
    static final int MAX_ITEMS = 500;

    private final Map<String, Integer> stock = new HashMap<>();

    public void add(String item, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        stock.merge(item, count, Integer::sum);
    }

    public int count(String item) {
        return stock.getOrDefault(item, 0);
    }

    public long lowStock() {
        Predicate<Integer> low = n -> n < 10;
        return stock.values().stream().filter(low).count();
    }

    public boolean has(String item) {
        return count(item) > 0;
    }
}
