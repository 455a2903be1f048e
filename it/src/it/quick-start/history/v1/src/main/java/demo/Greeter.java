package demo;

public class Greeter {
    public String greet() {
        return "hi";
    }
}
