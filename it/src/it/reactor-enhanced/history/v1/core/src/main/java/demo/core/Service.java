package demo.core;

public class Service {
    public String name() {
        return "service";
    }
}
