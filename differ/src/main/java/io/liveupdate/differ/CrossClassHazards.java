package io.liveupdate.differ;

import io.liveupdate.differ.model.CanonicalBytes;
import io.liveupdate.differ.model.ClassModel;
import io.liveupdate.differ.model.MethodModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;

/**
 * Hazards that can only be seen by looking at several classes of one release together. They are returned per class
 * name for the caller to merge into its verdicts; nothing passed in is changed.
 */
final class CrossClassHazards {
    private static final Pattern ANONYMOUS = Pattern.compile("(.+)\\$(\\d+)");
    private static final String SWITCH_MAP = "$SwitchMap$";
    /** JVMS §4.4: the tag of CONSTANT_NameAndType_info. */
    private static final int CONSTANT_NAME_AND_TYPE = 12;

    private CrossClassHazards() {}

    /** The cross-class hazards of the listed classes of one release, by binary name (classes with none are absent). */
    static Map<String, Set<Hazard>> find(
            List<ComparedClass> changed,
            SortedMap<String, ClassFile> oldClasses,
            SortedMap<String, ClassFile> newClasses,
            ClassModels oldModels,
            ClassModels newModels) {
        Map<String, Set<Hazard>> found = new TreeMap<>();
        anonymousClasses(changed, oldClasses, newClasses, oldModels, newModels, found);
        enumSwitchMaps(changed, newClasses, found);
        return found;
    }

    private static void flag(Map<String, Set<Hazard>> found, String name, Hazard hazard) {
        found.computeIfAbsent(name, n -> EnumSet.noneOf(Hazard.class)).add(hazard);
    }

    /**
     * ANONYMOUS_CLASSES_RENUMBERED: javac numbers anonymous classes {@code Outer$1, Outer$2, ...} in source order, so
     * inserting or removing one shifts the rest. A new {@code Outer$N} that carries the body (or, when it existed
     * before, the supertypes) of an old {@code Outer$M}, M != N, whose content left {@code Outer$M}, means existing
     * instances of {@code Outer$N} would run another class's code after redefinition (HotswapAgent's
     * AnonymousClassPatch remaps exactly this case).
     */
    private static void anonymousClasses(
            List<ComparedClass> changed,
            SortedMap<String, ClassFile> oldClasses,
            SortedMap<String, ClassFile> newClasses,
            ClassModels oldModels,
            ClassModels newModels,
            Map<String, Set<Hazard>> found) {
        Map<ClassModel, Shape> shapes = new IdentityHashMap<>(); // records hash deeply; identity is enough here
        for (ComparedClass c : changed) {
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
                flag(found, c.name(), Hazard.ANONYMOUS_CLASSES_RENUMBERED);
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
    private static void enumSwitchMaps(
            List<ComparedClass> changed, SortedMap<String, ClassFile> newClasses, Map<String, Set<Hazard>> found) {
        Set<String> staleMaps = new HashSet<>();
        List<ComparedClass> changedEnums = new ArrayList<>();
        for (ComparedClass c : changed) {
            if (c.comparison().changes().stream().anyMatch(ch -> ch.kind() == ChangeKind.ENUM_CONSTANTS_CHANGED)) {
                staleMaps.add(switchMapOf(c.after()));
                changedEnums.add(c);
            }
        }
        if (staleMaps.isEmpty()) {
            return;
        }
        for (ComparedClass c : changed) {
            if (c.after() != null && c.after().switchMapsRead().stream().anyMatch(staleMaps::contains)) {
                flag(found, c.name(), Hazard.ENUM_SWITCH_MAP_CHANGED);
            }
        }
        // The enum itself, when any class of the new build still declares or reads a map of its ordinals.
        Set<String> mapsInUse = new HashSet<>();
        for (ClassFile file : newClasses.values()) {
            nameAndTypeNames(file, staleMaps, mapsInUse);
        }
        for (ComparedClass e : changedEnums) {
            if (mapsInUse.contains(switchMapOf(e.after()))) {
                flag(found, e.name(), Hazard.ENUM_SWITCH_MAP_CHANGED);
            }
        }
    }

    /** The synthetic field javac names for the switch map of an enum: {@code $SwitchMap$pkg$Outer$Enum}. */
    private static String switchMapOf(ClassModel enumClass) {
        return SWITCH_MAP + enumClass.name().replace('/', '$');
    }

    /**
     * Adds to {@code out} each of {@code wanted} that is exactly the name of a CONSTANT_NameAndType of the class's
     * constant pool (JVMS §4.4.6): a field the class reads, or declares and initialises, is referred to through one.
     * Exact names, not a substring search: {@code $SwitchMap$p$Color} is a prefix of {@code $SwitchMap$p$ColorScheme}.
     */
    private static void nameAndTypeNames(ClassFile file, Set<String> wanted, Set<String> out) {
        try {
            ClassReader reader = new ClassReader(file.bytes());
            char[] buffer = new char[reader.getMaxStringLength()];
            for (int i = 1; i < reader.getItemCount(); i++) {
                int offset = reader.getItem(i);
                if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_NAME_AND_TYPE) {
                    String name = reader.readUTF8(offset, buffer);
                    if (wanted.contains(name)) {
                        out.add(name);
                    }
                }
            }
        } catch (RuntimeException e) {
            // An entry nothing else reads may still be malformed (found by ClassFileFuzzTest).
            throw new DifferException(
                    DifferException.Reason.CORRUPT_CLASS,
                    file.origin() + ": corrupt class file (a NameAndType constant refers outside the constant pool)",
                    e);
        }
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
