package demo.app;

public class App {
    public static void main(String[] args) {
        System.out.println(new demo.core.Service().name());
    }
}
