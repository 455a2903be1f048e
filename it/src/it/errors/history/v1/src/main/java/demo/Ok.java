package demo;

public class Ok {
    int f() {
        return missing;
    }
}
