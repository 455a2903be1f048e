package demo;

public class Ok {
    int f() {
        return 1;
    }
}
