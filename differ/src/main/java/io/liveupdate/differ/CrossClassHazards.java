package io.liveupdate.differ;

import io.liveupdate.differ.Differ.Compared;
import io.liveupdate.differ.Differ.Models;
import io.liveupdate.differ.input.ClassFile;
import io.liveupdate.differ.model.CanonicalBytes;
import io.liveupdate.differ.model.ClassModel;
import io.liveupdate.differ.model.MethodModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hazards that can only be seen by looking at several classes of one release together. */
final class CrossClassHazards {
    private static final Pattern ANONYMOUS = Pattern.compile("(.+)\\$(\\d+)");
    private static final String SWITCH_MAP = "$SwitchMap$";

    private CrossClassHazards() {}

    static void add(
            List<Compared> changed,
            SortedMap<String, ClassFile> oldClasses,
            SortedMap<String, ClassFile> newClasses,
            Models oldModels,
            Models newModels) {
        anonymousClasses(changed, oldClasses, newClasses, oldModels, newModels);
        enumSwitchMaps(changed, newClasses);
    }

    /**
     * ANONYMOUS_CLASSES_RENUMBERED: javac numbers anonymous classes {@code Outer$1, Outer$2, ...} in source order, so
     * inserting or removing one shifts the rest. A new {@code Outer$N} that carries the body (or, when it existed
     * before, the supertypes) of an old {@code Outer$M}, M != N, whose content left {@code Outer$M}, means existing
     * instances of {@code Outer$N} would run another class's code after redefinition (HotswapAgent's
     * AnonymousClassPatch remaps exactly this case).
     */
    private static void anonymousClasses(
            List<Compared> changed,
            SortedMap<String, ClassFile> oldClasses,
            SortedMap<String, ClassFile> newClasses,
            Models oldModels,
            Models newModels) {
        Map<ClassModel, Shape> shapes = new IdentityHashMap<>(); // records hash deeply; identity is enough here
        for (Compared c : changed) {
            if (c.after() == null) {
                continue;
            }
            Matcher m = ANONYMOUS.matcher(c.name());
            if (!m.matches()) {
                continue;
            }
            String outer = m.group(1);
            Shape now = shapes.computeIfAbsent(c.after(), Shape::of);
            Shape ownBefore = c.before() == null ? null : shapes.computeIfAbsent(c.before(), Shape::of);
            for (Map.Entry<String, ClassFile> e :
                    oldClasses.subMap(outer + "$", outer + "$\uffff").entrySet()) {
                String otherName = e.getKey();
                if (otherName.equals(c.name()) || !isAnonymousOf(otherName, outer)) {
                    continue;
                }
                Shape other = shapes.computeIfAbsent(oldModels.get(e.getValue()), Shape::of);
                boolean bodyMoved =
                        now.body.equals(other.body) && (ownBefore == null || !now.body.equals(ownBefore.body));
                boolean supertypesMoved = ownBefore != null
                        && !now.supertypes.equals(ownBefore.supertypes)
                        && now.supertypes.equals(other.supertypes);
                if (!bodyMoved && !supertypesMoved) {
                    continue;
                }
                ClassFile otherNow = newClasses.get(otherName);
                if (otherNow != null && other.equals(shapes.computeIfAbsent(newModels.get(otherNow), Shape::of))) {
                    continue; // Outer$M still holds its own content: nothing moved away from it
                }
                c.hazards().add(Hazard.ANONYMOUS_CLASSES_RENUMBERED);
                break;
            }
        }
    }

    /** Whether {@code name} is {@code outer$<digits>}. */
    private static boolean isAnonymousOf(String name, String outer) {
        int start = outer.length() + 1;
        if (name.length() <= start || name.charAt(outer.length()) != '$' || !name.startsWith(outer)) {
            return false;
        }
        for (int i = start; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * ENUM_SWITCH_MAP_CHANGED: javac (before JDK 21 always, from 21 on for enums compiled separately) translates a
     * switch on an enum into a lookup in a synthetic {@code $SwitchMap$pkg$Enum} int array, filled from the enum's
     * ordinals by a {@code <clinit>} that redefinition never re-runs. When the enum's constants change, every map
     * built from it is stale: flagged on each listed class that reads or declares such a map, and on the enum.
     */
    private static void enumSwitchMaps(List<Compared> changed, SortedMap<String, ClassFile> newClasses) {
        Set<String> staleMaps = new HashSet<>();
        List<Compared> changedEnums = new ArrayList<>();
        for (Compared c : changed) {
            if (c.changes().stream().anyMatch(ch -> ch.kind() == ChangeKind.ENUM_CONSTANTS_CHANGED)) {
                staleMaps.add(SWITCH_MAP + c.after().name().replace('/', '$'));
                changedEnums.add(c);
            }
        }
        if (staleMaps.isEmpty()) {
            return;
        }
        for (Compared c : changed) {
            if (c.after() != null && c.after().switchMapsRead().stream().anyMatch(staleMaps::contains)) {
                c.hazards().add(Hazard.ENUM_SWITCH_MAP_CHANGED);
            }
        }
        for (Compared e : changedEnums) {
            byte[] needle = (SWITCH_MAP + e.after().name().replace('/', '$')).getBytes(StandardCharsets.UTF_8);
            for (ClassFile file : newClasses.values()) {
                if (indexOf(file.bytes(), needle) >= 0) {
                    e.hazards().add(Hazard.ENUM_SWITCH_MAP_CHANGED);
                    break;
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** What identifies an anonymous class's content independently of its number. */
    private record Shape(List<String> supertypes, Map<String, CanonicalBytes> body) {
        static Shape of(ClassModel model) {
            List<String> supertypes = new ArrayList<>();
            supertypes.add(Objects.toString(model.superName()));
            supertypes.addAll(model.interfaces());
            Map<String, CanonicalBytes> body = new HashMap<>();
            for (MethodModel method : model.methods()) {
                body.put(method.member(), method.code());
            }
            return new Shape(supertypes, body);
        }
    }
}
