package io.liveupdate.differ.revision;

import java.util.HashSet;
import java.util.Set;

/**
 * What one class file refers to, read from its constant pool (JVMS §4.4): class names (CONSTANT_Class, and class names
 * inside descriptors and signatures), member names (CONSTANT_NameAndType), and its direct supertypes. A bytecode-level
 * view: it misses inlined constants, which {@link SourceNames} covers.
 */
record ClassRefs(String superName, Set<String> supertypes, Set<String> classes, Set<String> memberNames) {

    static ClassRefs of(byte[] b) {
        int count = u2(b, 8);
        int[] offsets = new int[count];
        String[] utf8 = new String[count];
        int p = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[p] & 0xff;
            offsets[i] = p;
            switch (tag) {
                case 1 -> {
                    int len = u2(b, p + 1);
                    utf8[i] = modifiedUtf8(b, p + 3, len);
                    p += 3 + len;
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5;
                case 5, 6 -> {
                    p += 9;
                    i++;
                }
                case 7, 8, 16, 19, 20 -> p += 3;
                case 15 -> p += 4;
                default -> throw new IllegalArgumentException("bad constant pool tag " + tag + " at entry " + i);
            }
        }
        Set<String> classes = new HashSet<>();
        Set<String> members = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int off = offsets[i];
            if (off == 0) {
                continue;
            }
            int tag = b[off] & 0xff;
            if (tag == 7) {
                String n = utf8[u2(b, off + 1)];
                classes.add(n.startsWith("[") ? stripArray(n) : n);
            } else if (tag == 12) {
                members.add(utf8[u2(b, off + 1)]);
                addDescriptorClasses(utf8[u2(b, off + 3)], classes);
            } else if (tag == 1 && utf8[i].indexOf('L') >= 0 && utf8[i].indexOf(';') > 0) {
                addDescriptorClasses(utf8[i], classes);
            }
        }
        int thisAndSuper = p + 2;
        int superIndex = u2(b, thisAndSuper + 2);
        String superName = superIndex == 0 ? null : utf8[u2(b, offsets[superIndex] + 1)];
        int interfaces = u2(b, thisAndSuper + 4);
        Set<String> supertypes = new HashSet<>();
        if (superName != null) {
            supertypes.add(superName);
        }
        for (int k = 0; k < interfaces; k++) {
            int idx = u2(b, thisAndSuper + 6 + 2 * k);
            supertypes.add(utf8[u2(b, offsets[idx] + 1)]);
        }
        return new ClassRefs(superName, supertypes, classes, members);
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

    private static int u2(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static String modifiedUtf8(byte[] b, int off, int len) {
        char[] chars = new char[len];
        int n = 0;
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                chars[n++] = (char) c;
                i++;
            } else if ((c & 0xe0) == 0xc0) {
                chars[n++] = (char) (((c & 0x1f) << 6) | (b[i + 1] & 0x3f));
                i += 2;
            } else {
                chars[n++] = (char) (((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
                i += 3;
            }
        }
        return new String(chars, 0, n);
    }
}
