package org.example.inventory;

public enum Status {
    IN_STOCK,
    SOLD_OUT
}
