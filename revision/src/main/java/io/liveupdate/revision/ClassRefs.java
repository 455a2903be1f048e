package io.liveupdate.revision;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;

/**
 * What one class file refers to, read from its constant pool (JVMS §4.4) through ASM's {@link ClassReader} item
 * offsets: class names (CONSTANT_Class, and class names inside descriptors and signatures), member names
 * (CONSTANT_NameAndType), and its direct supertypes. A bytecode-level view: it misses inlined constants, which
 * {@link SourceNames} covers.
 */
record ClassRefs(String superName, Set<String> supertypes, Set<String> classes, Set<String> memberNames) {
    /** JVMS §4.4 constant pool tags. */
    private static final int UTF8 = 1;

    private static final int CLASS = 7;
    private static final int NAME_AND_TYPE = 12;

    static ClassRefs of(byte[] b) {
        ClassReader reader = new ClassReader(b);
        char[] buffer = new char[reader.getMaxStringLength()];
        Set<String> classes = new HashSet<>();
        Set<String> members = new HashSet<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue; // the second slot of a long or double
            }
            switch (reader.readByte(offset - 1)) {
                case CLASS -> {
                    String name = reader.readUTF8(offset, buffer);
                    classes.add(name.startsWith("[") ? stripArray(name) : name);
                }
                case NAME_AND_TYPE -> {
                    members.add(reader.readUTF8(offset, buffer));
                    addDescriptorClasses(reader.readUTF8(offset + 2, buffer), classes);
                }
                case UTF8 -> {
                    String text = utf8(b, offset);
                    if (text.indexOf('L') >= 0 && text.indexOf(';') > 0) {
                        addDescriptorClasses(text, classes);
                    }
                }
                default -> {
                    // numbers, strings, handles, dynamic constants: no class or member names of their own
                }
            }
        }
        String superName = reader.getSuperName();
        Set<String> supertypes = new HashSet<>(List.of(reader.getInterfaces()));
        if (superName != null) {
            supertypes.add(superName);
        }
        return new ClassRefs(superName, supertypes, classes, members);
    }

    /** A CONSTANT_Utf8_info's text: its u2 length and modified UTF-8 bytes are exactly what readUTF decodes. */
    private static String utf8(byte[] b, int offset) {
        try {
            return new DataInputStream(new ByteArrayInputStream(b, offset, b.length - offset)).readUTF();
        } catch (IOException e) {
            throw new UncheckedIOException("malformed CONSTANT_Utf8 at offset " + offset, e);
        }
    }

    private static String stripArray(String n) {
        String s = n.replace("[", "");
        return s.startsWith("L") && s.endsWith(";") ? s.substring(1, s.length() - 1) : s;
    }

    /** Adds every {@code Lname;} (and {@code Lname<}) class name found in a descriptor or signature. */
    private static void addDescriptorClasses(String s, Set<String> out) {
        int i = 0;
        while ((i = s.indexOf('L', i)) >= 0) {
            int end = i + 1;
            while (end < s.length() && s.charAt(end) != ';' && s.charAt(end) != '<') {
                end++;
            }
            if (end < s.length() && end > i + 1) {
                out.add(s.substring(i + 1, end));
            }
            i = end;
        }
    }
}
