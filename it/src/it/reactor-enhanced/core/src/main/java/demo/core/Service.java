package demo.core;

public class Service {
    public String name() {
        return "service";
    }

    public String describe() {
        return name() + " v2";
    }
}
