package demo;

public class Clock {
    public long tick(long t) {
        return t + 2;
    }
}
