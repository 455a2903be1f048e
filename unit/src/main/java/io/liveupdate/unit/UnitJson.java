package io.liveupdate.unit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.liveupdate.differ.Change;
import io.liveupdate.differ.ChangeKind;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.RedefinitionCheck;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.unit.UnitDescriptor.Base;
import io.liveupdate.unit.UnitDescriptor.Dependency;
import io.liveupdate.unit.UnitDescriptor.Resource;
import io.liveupdate.unit.UnitDescriptor.Target;
import io.liveupdate.unit.UnitDescriptor.UnitClass;
import io.liveupdate.unit.UnitException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The descriptor's JSON: written with keys in the contract's order (two-space indent, one trailing newline), read
 * strictly (every key of the schema present, no other key, types and patterns as the schema says, no duplicate key,
 * nothing after the document), and its canonical form for the unit id: the descriptor without {@code id}, keys sorted,
 * no whitespace, UTF-8. For the values a descriptor may hold (no control characters, integers only) that form is RFC
 * 8785's JSON Canonicalization Scheme, so another implementation can recompute the id.
 */
public final class UnitJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxStringLength(1 << 16)
                    .maxNumberLength(19)
                    .build())
            .build();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    /** A binary name as the JVM allows it (JVMS 4.2.1), with dots, and a safe path in a jar. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("(?:[^./;\\[\\\\\\p{Cntrl}]+\\.)*[^./;\\[\\\\\\p{Cntrl}]+");

    private static final String[] TOP = {
        "formatVersion",
        "id",
        "base",
        "target",
        "sequence",
        "expires",
        "profile",
        "level",
        "hazards",
        "classes",
        "resources",
        "dependencies"
    };
    private static final String[] CLASS = {
        "name", "release", "status", "level", "reasons", "changes", "hazards", "oldSha256", "newSha256"
    };

    private UnitJson() {}

    /** The descriptor as stored in a unit. */
    public static byte[] write(UnitDescriptor d) {
        return render(tree(d, true), false);
    }

    /** The canonical content the id is computed from. */
    public static byte[] canonical(UnitDescriptor d) {
        return render(tree(d, false), true);
    }

    /** The unit id of a descriptor: the SHA-256 of its canonical content, in lower-case hex. */
    public static String id(UnitDescriptor d) {
        return sha256(canonical(d));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> tree(UnitDescriptor d, boolean withId) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("formatVersion", (long) d.formatVersion());
        if (withId) {
            top.put("id", d.id());
        }
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("commit", d.base().commit());
        base.put("artifact", d.base().artifact());
        top.put("base", base);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("commit", d.target().commit());
        target.put("dirty", d.target().dirty());
        top.put("target", target);
        top.put("sequence", d.sequence());
        top.put("expires", d.expires().toString());
        top.put("profile", d.profile().id());
        top.put("level", d.level().name());
        top.put("hazards", names(d.hazards()));
        List<Object> classes = new ArrayList<>();
        for (UnitClass c : d.classes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("release", c.release() == null ? null : (long) c.release());
            m.put("status", c.status().name());
            m.put("level", c.level().name());
            m.put("reasons", names(c.reasons()));
            List<Object> changes = new ArrayList<>();
            for (Change ch : c.changes()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("kind", ch.kind().name());
                cm.put("member", ch.member());
                changes.add(cm);
            }
            m.put("changes", changes);
            m.put("hazards", names(c.hazards()));
            m.put("oldSha256", c.oldSha256());
            m.put("newSha256", c.newSha256());
            classes.add(m);
        }
        top.put("classes", classes);
        List<Object> resources = new ArrayList<>();
        for (Resource r : d.resources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", r.path());
            m.put("status", r.status().name());
            resources.add(m);
        }
        top.put("resources", resources);
        List<Object> deps = new ArrayList<>();
        for (Dependency dep : d.dependencies()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("artifact", dep.artifact());
            m.put("from", dep.from());
            m.put("to", dep.to());
            deps.add(m);
        }
        top.put("dependencies", deps);
        return top;
    }

    private static List<Object> names(List<? extends Enum<?>> values) {
        return new ArrayList<>(values.stream().map(Enum::name).toList());
    }

    private static byte[] render(Object tree, boolean canonical) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (!canonical) {
                DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
                g.setPrettyPrinter(pretty);
            }
            emit(g, tree, canonical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!canonical) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void emit(JsonGenerator g, Object value, boolean sorted) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            Map<String, Object> ordered = sorted ? new TreeMap<>((Map<String, Object>) map) : (Map<String, Object>) map;
            for (Map.Entry<String, Object> e : ordered.entrySet()) {
                g.writeFieldName(e.getKey());
                emit(g, e.getValue(), sorted);
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                emit(g, o, sorted);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            throw new IllegalStateException("not a JSON value: " + value.getClass());
        }
    }

    /**
     * Reads a descriptor strictly.
     *
     * @param what the unit's name, for messages
     * @throws UnitException {@code BAD_DESCRIPTOR} for anything the schema does not allow, {@code UNSUPPORTED_FORMAT}
     *     for another format version
     */
    public static UnitDescriptor read(byte[] json, String what) {
        Object tree;
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw bad(what, "the descriptor is empty");
            }
            tree = value(p, first, what);
            if (p.nextToken() != null) {
                throw bad(what, "content after the descriptor's JSON object");
            }
        } catch (JsonProcessingException e) {
            throw bad(what, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw bad(what, "unreadable: " + e.getMessage());
        }
        Obj top = new Obj(tree, what, "the descriptor");
        long version = top.integer("formatVersion", 1, Integer.MAX_VALUE);
        if (version != UnitDescriptor.FORMAT_VERSION) {
            throw new UnitException(
                    Reason.UNSUPPORTED_FORMAT,
                    what + ": descriptor format version " + version + "; this liveupdate reads version "
                            + UnitDescriptor.FORMAT_VERSION);
        }
        top.keys(TOP);
        String id = top.string("id", SHA256);
        Obj base = top.object("base");
        base.keys("commit", "artifact");
        Obj target = top.object("target");
        target.keys("commit", "dirty");
        List<UnitClass> classes = new ArrayList<>();
        for (Obj c : top.objects("classes")) {
            c.keys(CLASS);
            Long release = c.nullableInteger("release", 9, 65535);
            List<Change> changes = new ArrayList<>();
            for (Obj ch : c.objects("changes")) {
                ch.keys("kind", "member");
                changes.add(new Change(ch.enumValue("kind", ChangeKind::valueOf), ch.nullableString("member", null)));
            }
            classes.add(new UnitClass(
                    c.string("name", CLASS_NAME),
                    release == null ? null : release.intValue(),
                    c.enumValue("status", ClassStatus::valueOf),
                    c.enumValue("level", UpdateLevel::valueOf),
                    c.enums("reasons", RedefinitionCheck::valueOf),
                    changes,
                    c.enums("hazards", Hazard::valueOf),
                    c.nullableString("oldSha256", SHA256),
                    c.nullableString("newSha256", SHA256)));
        }
        List<Resource> resources = new ArrayList<>();
        for (Obj r : top.objects("resources")) {
            r.keys("path", "status");
            resources.add(new Resource(r.string("path", null), r.enumValue("status", ClassStatus::valueOf)));
        }
        List<Dependency> deps = new ArrayList<>();
        for (Obj d : top.objects("dependencies")) {
            d.keys("artifact", "from", "to");
            deps.add(new Dependency(
                    d.string("artifact", null), d.nullableString("from", null), d.nullableString("to", null)));
        }
        String expires = top.string("expires", null);
        Instant expiry;
        try {
            expiry = Instant.parse(expires);
        } catch (DateTimeParseException e) {
            throw bad(what, "expires '" + expires + "' is not an ISO-8601 instant such as 2027-03-01T12:00:00Z");
        }
        if (!expiry.truncatedTo(ChronoUnit.SECONDS).equals(expiry)
                || !expiry.toString().equals(expires)) {
            throw bad(
                    what,
                    "expires '" + expires + "' is not in the canonical form " + expiry.truncatedTo(ChronoUnit.SECONDS));
        }
        String profileId = top.string("profile", null);
        Profile profile = null;
        for (Profile p : Profile.values()) {
            if (p.id().equals(profileId)) {
                profile = p;
            }
        }
        if (profile == null) {
            throw bad(what, "profile '" + profileId + "' is not one of hotswap, hotswap-add-delete");
        }
        return new UnitDescriptor(
                (int) version,
                id,
                new Base(base.string("commit", COMMIT), base.nullableString("artifact", null)),
                new Target(target.string("commit", COMMIT), target.bool("dirty")),
                top.integer("sequence", 0, Long.MAX_VALUE),
                expiry,
                profile,
                top.enumValue("level", UpdateLevel::valueOf),
                top.enums("hazards", Hazard::valueOf),
                classes,
                resources,
                deps);
    }

    private static Object value(JsonParser p, JsonToken t, String what) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_OBJECT) {
                    if (next != JsonToken.FIELD_NAME) {
                        throw bad(what, "malformed object");
                    }
                    String key = p.currentName();
                    map.put(key, value(p, p.nextToken(), what));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, next, what));
                }
                return list;
            }
            case VALUE_STRING -> {
                String s = p.getText();
                if (s.chars().anyMatch(Character::isISOControl)) {
                    throw bad(what, "a string holds a control character");
                }
                return s;
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw bad(what, "an integer is out of range");
                }
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> throw bad(what, "a number is not an integer: " + p.getText());
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw bad(what, "unexpected " + t);
        }
    }

    static UnitException bad(String what, String problem) {
        return new UnitException(Reason.BAD_DESCRIPTOR, what + ": " + UnitDescriptor.PATH + ": " + problem);
    }

    /** A JSON object of the descriptor, read key by key with the schema's rules. */
    private static final class Obj {
        private final Map<String, Object> map;
        private final String what;
        private final String where;

        @SuppressWarnings("unchecked")
        Obj(Object value, String what, String where) {
            if (!(value instanceof Map<?, ?>)) {
                throw bad(what, where + " is not an object");
            }
            this.map = (Map<String, Object>) value;
            this.what = what;
            this.where = where;
        }

        /** Exactly these keys. */
        void keys(String... names) {
            Set<String> allowed = Set.of(names);
            for (String key : map.keySet()) {
                if (!allowed.contains(key)) {
                    throw bad(what, where + " has the unknown key '" + key + "'");
                }
            }
            for (String n : names) {
                if (!map.containsKey(n)) {
                    throw bad(what, where + " lacks the key '" + n + "'");
                }
            }
        }

        private Object get(String key) {
            if (!map.containsKey(key)) {
                throw bad(what, where + " lacks the key '" + key + "'");
            }
            return map.get(key);
        }

        String string(String key, Pattern pattern) {
            String s = nullableString(key, pattern);
            if (s == null) {
                throw bad(what, where + "." + key + " is null; a string is needed");
            }
            return s;
        }

        String nullableString(String key, Pattern pattern) {
            Object v = get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s)) {
                throw bad(what, where + "." + key + " is not a string");
            }
            if (s.isEmpty() || (pattern != null && !pattern.matcher(s).matches())) {
                throw bad(what, where + "." + key + " '" + s + "' is not of the form the schema gives");
            }
            return s;
        }

        long integer(String key, long min, long max) {
            Long v = nullableInteger(key, min, max);
            if (v == null) {
                throw bad(what, where + "." + key + " is null; an integer is needed");
            }
            return v;
        }

        Long nullableInteger(String key, long min, long max) {
            Object v = get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Long l) || l < min || l > max) {
                throw bad(what, where + "." + key + " is not an integer from " + min + " to " + max);
            }
            return l;
        }

        boolean bool(String key) {
            if (!(get(key) instanceof Boolean b)) {
                throw bad(what, where + "." + key + " is not true or false");
            }
            return b;
        }

        Obj object(String key) {
            return new Obj(get(key), what, where + "." + key);
        }

        List<Obj> objects(String key) {
            List<Obj> out = new ArrayList<>();
            int i = 0;
            for (Object o : list(key)) {
                out.add(new Obj(o, what, where + "." + key + "[" + i++ + "]"));
            }
            return out;
        }

        private List<?> list(String key) {
            if (!(get(key) instanceof List<?> l)) {
                throw bad(what, where + "." + key + " is not an array");
            }
            return l;
        }

        <E extends Enum<E>> E enumValue(String key, Function<String, E> parse) {
            return parseEnum(string(key, null), key, parse);
        }

        <E extends Enum<E>> List<E> enums(String key, Function<String, E> parse) {
            List<E> out = new ArrayList<>();
            for (Object o : list(key)) {
                if (!(o instanceof String s)) {
                    throw bad(what, where + "." + key + " holds a value that is not a string");
                }
                out.add(parseEnum(s, key, parse));
            }
            return out;
        }

        private <E extends Enum<E>> E parseEnum(String s, String key, Function<String, E> parse) {
            try {
                if (!s.equals(s.toUpperCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(s);
                }
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw bad(what, where + "." + key + " '" + s + "' is not a name this liveupdate knows");
            }
        }
    }
}
