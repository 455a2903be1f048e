package io.liveupdate.differ;

/**
 * The bytes of one class file and where they came from.
 *
 * @param name binary name with dots, derived from the path ({@code org.example.Foo}, {@code module-info})
 * @param origin the file or {@code archive!/entry} the bytes were read from, for messages
 * @param bytes the class file
 */
public record ClassFile(String name, String origin, byte[] bytes) {}
