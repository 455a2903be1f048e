package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A manifest or signature (.SF) file split into its sections with their exact bytes, because the JAR spec digests
 * sections byte for byte ("Signed JAR File": each .SF section holds the digest of the corresponding manifest section,
 * including its terminating blank line). Also writes such files with CRLF line ends and 72-byte lines.
 */
final class ManifestSections {
    /** One section: its raw bytes (with the terminating blank line when there is one) and its attributes. */
    record Section(byte[] raw, Map<String, String> attributes) {
        /** The value of an attribute, by case-insensitive name, or null. */
        String get(String name) {
            return attributes.get(name.toLowerCase(Locale.ROOT));
        }

        String name() {
            return get("Name");
        }
    }

    private final Section main;
    private final List<Section> sections;

    private ManifestSections(Section main, List<Section> sections) {
        this.main = main;
        this.sections = sections;
    }

    Section main() {
        return main;
    }

    List<Section> sections() {
        return sections;
    }

    /** Parses manifest-format bytes; a malformed file is CORRUPT (JAR spec: "none of the signatures should be trusted"). */
    static ManifestSections parse(byte[] bytes, String what) {
        List<Section> all = new ArrayList<>();
        int pos = 0;
        int sectionStart = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        ByteArrayOutputStream value = null;
        String currentName = null;
        while (pos < bytes.length) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
                end++;
            }
            int next = end;
            if (next < bytes.length && bytes[next] == '\r') {
                next++;
                if (next < bytes.length && bytes[next] == '\n') {
                    next++;
                }
            } else if (next < bytes.length && bytes[next] == '\n') {
                next++;
            }
            byte[] line = Arrays.copyOfRange(bytes, pos, end);
            if (line.length == 0) {
                if (currentName != null) {
                    attributes.put(currentName, decode(value.toByteArray(), what));
                    currentName = null;
                }
                if (!attributes.isEmpty() || sectionStart != pos) {
                    all.add(new Section(Arrays.copyOfRange(bytes, sectionStart, next), freeze(attributes)));
                }
                attributes = new LinkedHashMap<>();
                sectionStart = next;
            } else if (line[0] == ' ') {
                if (currentName == null) {
                    throw new SignerException(Reason.CORRUPT, what + ": continuation line without an attribute");
                }
                value.write(line, 1, line.length - 1);
            } else {
                if (currentName != null) {
                    attributes.put(currentName, decode(value.toByteArray(), what));
                }
                int colon = indexOf(line, (byte) ':');
                if (colon <= 0 || colon + 1 >= line.length || line[colon + 1] != ' ') {
                    throw new SignerException(Reason.CORRUPT, what + ": malformed line in manifest-format file");
                }
                currentName = new String(line, 0, colon, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                if (attributes.containsKey(currentName)) {
                    // Two values for one attribute would let two readers see different things.
                    throw new SignerException(
                            Reason.CORRUPT, what + ": attribute '" + currentName + "' appears twice in one section");
                }
                value = new ByteArrayOutputStream();
                value.write(line, colon + 2, line.length - colon - 2);
            }
            pos = next;
        }
        if (currentName != null) {
            attributes.put(currentName, decode(value.toByteArray(), what));
        }
        if (!attributes.isEmpty()) {
            all.add(new Section(Arrays.copyOfRange(bytes, sectionStart, bytes.length), freeze(attributes)));
        }
        if (all.isEmpty()) {
            throw new SignerException(Reason.CORRUPT, what + ": empty manifest-format file");
        }
        Section main = all.get(0);
        if (main.name() != null) {
            throw new SignerException(Reason.CORRUPT, what + ": the main section has a Name attribute");
        }
        List<Section> rest = all.subList(1, all.size());
        for (Section s : rest) {
            if (s.name() == null) {
                throw new SignerException(Reason.CORRUPT, what + ": a section has no Name attribute");
            }
        }
        return new ManifestSections(main, List.copyOf(rest));
    }

    private static Map<String, String> freeze(Map<String, String> attributes) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    private static int indexOf(byte[] line, byte b) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SignerException(Reason.CORRUPT, what + ": attribute value is not UTF-8", e);
        }
    }

    /**
     * Appends {@code name: value} as manifest lines: at most 72 bytes each, continuation lines starting with one
     * space, never splitting a UTF-8 character (JAR spec, "Notes on Manifest and Signature Files").
     */
    static void writeAttribute(ByteArrayOutputStream out, String name, String value) {
        byte[] line = (name + ": " + value).getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        int limit = 72;
        while (true) {
            int end = Math.min(line.length, pos + limit);
            // Back off to a character boundary: UTF-8 continuation bytes are 10xxxxxx.
            while (end < line.length && end > pos && (line[end] & 0xC0) == 0x80) {
                end--;
            }
            out.write(line, pos, end - pos);
            out.write('\r');
            out.write('\n');
            pos = end;
            if (pos >= line.length) {
                return;
            }
            out.write(' ');
            limit = 71;
        }
    }

    static void endSection(ByteArrayOutputStream out) {
        out.write('\r');
        out.write('\n');
    }
}
