package org.example.inventory;

public enum Status {
    IN_STOCK,
    BACKORDERED,
    SOLD_OUT
}
