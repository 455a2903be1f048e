package demo;

public class Ok {
    int f() {
        return 2;
    }
}
