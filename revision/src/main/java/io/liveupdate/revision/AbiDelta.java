package io.liveupdate.revision;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * How the ABI of a set of classes changed between two builds, in the terms the recompilation rules need: the names
 * users may mention (changed member names, simple names of changed, added or removed types), the types whose
 * identity changed (flags, supertypes, nested-class flags, added or removed) and the types whose ABI changed at all
 * (their subclasses and implementers must be recompiled: bridges and inherited overloads live there). Local and
 * anonymous classes are left out: no other source can name them.
 */
final class AbiDelta {
    final Set<String> names = new HashSet<>();
    final Set<String> types = new HashSet<>();
    final Set<String> abiTypes = new HashSet<>();

    private final Map<byte[], ClassAbi> abis;

    AbiDelta(Map<byte[], ClassAbi> abis) {
        this.abis = abis;
    }

    static Map<byte[], ClassAbi> newAbiCache() {
        return new WeakHashMap<>();
    }

    boolean isEmpty() {
        return names.isEmpty() && types.isEmpty() && abiTypes.isEmpty();
    }

    void addAll(AbiDelta other) {
        names.addAll(other.names);
        types.addAll(other.types);
        abiTypes.addAll(other.abiTypes);
    }

    /** Records the change of class file {@code path} from {@code before} to {@code after} (either may be null). */
    void add(String path, byte[] before, byte[] after) {
        if (before == after || (before != null && after != null && Arrays.equals(before, after))) {
            return;
        }
        String internal = path.substring(0, path.length() - ".class".length());
        String simple = simpleName(internal);
        if (simple == null) {
            return;
        }
        if (before == null || after == null) {
            types.add(internal);
            abiTypes.add(internal);
            names.add(simple);
            return;
        }
        ClassAbi oldAbi = abi(before);
        ClassAbi newAbi = abi(after);
        if (oldAbi.typeChanged(newAbi)) {
            types.add(internal);
            abiTypes.add(internal);
            names.add(simple);
        }
        Set<String> members = oldAbi.changedMemberNames(newAbi);
        if (!members.isEmpty()) {
            abiTypes.add(internal);
            names.addAll(members);
        }
    }

    private ClassAbi abi(byte[] bytes) {
        return abis.computeIfAbsent(bytes, ClassAbi::of);
    }

    /** The simple name of a member or top-level class, or null for local and anonymous classes. */
    static String simpleName(String internal) {
        String s = internal.substring(internal.lastIndexOf('/') + 1);
        int dollar = s.lastIndexOf('$');
        if (dollar >= 0) {
            String inner = s.substring(dollar + 1);
            if (inner.isEmpty() || Character.isDigit(inner.charAt(0))) {
                return null;
            }
            // A local class Outer$1Local: some enclosing segment starts with a digit.
            for (String part : s.split("\\$")) {
                if (!part.isEmpty() && Character.isDigit(part.charAt(0))) {
                    return null;
                }
            }
            return inner;
        }
        return s;
    }

    @Override
    public String toString() {
        return "names=" + names + " types=" + types + " abiTypes=" + abiTypes;
    }
}
