package io.liveupdate.revision;

import java.util.HashSet;
import java.util.Set;

/**
 * The identifiers a Java source file mentions, outside comments, string, character and text-block literals. A
 * source-level view of its dependencies by name (as Zinc's name hashing keeps): it finds users of inlined constants
 * (JLS §13.1), of overloads and of simple names a new type may shadow, none of which a class file records.
 */
final class SourceNames {
    private SourceNames() {}

    static Set<String> of(String text) {
        String src = text.contains("\\u") ? unescape(text) : text;
        Set<String> names = new HashSet<>();
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' && src.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !src.startsWith("\"\"\"", end)) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && src.charAt(end) != c && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                i = end + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) {
                    i++;
                }
                names.add(src.substring(start, i));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isJavaIdentifierPart(src.charAt(i)) || src.charAt(i) == '.')) {
                    i++;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /** Translates Unicode escapes (JLS §3.3), which javac applies before anything else. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= s.length()) {
                    try {
                        sb.append((char) Integer.parseInt(s.substring(j, j + 4), 16));
                        i = j + 4;
                        continue;
                    } catch (NumberFormatException e) {
                        // not an escape: keep the text
                    }
                }
                sb.append(c);
                i++;
            } else if (c == '\\' && i + 1 < s.length()) {
                sb.append(c).append(s.charAt(i + 1));
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
