package demo.app;

final class Banner {
    static String text() {
        return "banner";
    }
}
