package io.liveupdate.differ;

import io.liveupdate.differ.model.ClassModel;
import io.liveupdate.differ.model.FieldModel;
import io.liveupdate.differ.model.MethodModel;
import io.liveupdate.differ.model.RecordComponentModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.Opcodes;

/**
 * Compares the old and new model of one class: lists every change, runs HotSpot's redefinition checks in HotSpot's
 * order (jvmtiRedefineClasses.cpp, {@code compare_and_normalize_class_versions}) and finds the hazards that can be
 * seen from this class alone. It alone decides each change's level and failed check, the profile's rule for method
 * additions and deletions included. Cross-class hazards (anonymous classes, switch maps) are found by
 * {@link CrossClassHazards}.
 */
final class ClassComparator {
    /**
     * The method flags HotSpot compares: every class-file flag except ACC_NATIVE (JVMTI agents may set native
     * prefixes), so ACC_BRIDGE, ACC_SYNTHETIC and ACC_VARARGS changes are rejected.
     */
    private static final int METHOD_FLAGS_COMPARED = 0xFFFF & ~Opcodes.ACC_NATIVE;

    /** JVM_RECOGNIZED_FIELD_MODIFIERS in HotSpot's jvm_constants.h. */
    private static final int FIELD_FLAGS_COMPARED = Opcodes.ACC_PUBLIC
            | Opcodes.ACC_PRIVATE
            | Opcodes.ACC_PROTECTED
            | Opcodes.ACC_STATIC
            | Opcodes.ACC_FINAL
            | Opcodes.ACC_VOLATILE
            | Opcodes.ACC_TRANSIENT
            | Opcodes.ACC_ENUM
            | Opcodes.ACC_SYNTHETIC;

    /** JVM_RECOGNIZED_CLASS_MODIFIERS in HotSpot's jvm_constants.h (ACC_MODULE is not a loadable class flag). */
    private static final int CLASS_FLAGS_COMPARED = Opcodes.ACC_PUBLIC
            | Opcodes.ACC_FINAL
            | Opcodes.ACC_SUPER
            | Opcodes.ACC_INTERFACE
            | Opcodes.ACC_ABSTRACT
            | Opcodes.ACC_SYNTHETIC
            | Opcodes.ACC_ANNOTATION
            | Opcodes.ACC_ENUM;

    /**
     * The result of one comparison, without cross-class hazards.
     *
     * @param changes what changed, in catalogue order
     * @param failedChecks every HotSpot check the class fails under the profile, in HotSpot's order
     * @param hazards the hazards this class shows on its own
     * @param level the highest level of any change (as the profile places it), ENHANCED at least when a check fails
     * @param levelCause the change kind that set a level above ENHANCED, or null
     */
    record Comparison(
            List<Change> changes,
            Set<RedefinitionCheck> failedChecks,
            Set<Hazard> hazards,
            UpdateLevel level,
            ChangeKind levelCause) {
        Comparison {
            changes = List.copyOf(changes);
            failedChecks = enumSet(failedChecks, RedefinitionCheck.class);
            hazards = enumSet(hazards, Hazard.class);
        }

        /** An added or removed class: standard redefinition handles it (DESIGN.md), with its own hazards. */
        static Comparison wholeClass(Set<Hazard> hazards) {
            return new Comparison(
                    List.of(), EnumSet.noneOf(RedefinitionCheck.class), hazards, UpdateLevel.HOTSWAP, null);
        }

        /** An added or removed class no mechanism can apply (a module descriptor): RESTART, caused by {@code kind}. */
        static Comparison restart(ChangeKind kind, Set<Hazard> hazards) {
            return new Comparison(
                    List.of(new Change(kind, null)),
                    EnumSet.noneOf(RedefinitionCheck.class),
                    hazards,
                    UpdateLevel.RESTART,
                    kind);
        }

        boolean isEmpty() {
            return changes.isEmpty();
        }

        /** An unmodifiable copy that iterates in declaration order (HotSpot's check order, the catalogue order). */
        static <E extends Enum<E>> Set<E> enumSet(Set<E> set, Class<E> type) {
            EnumSet<E> copy = EnumSet.noneOf(type);
            copy.addAll(set);
            return Collections.unmodifiableSet(copy);
        }
    }

    private final Profile profile;

    ClassComparator(Profile profile) {
        this.profile = profile;
    }

    Comparison compare(ClassModel oldClass, ClassModel newClass) {
        Collector c = new Collector(profile);
        compareClass(oldClass, newClass, c);
        compareFields(oldClass, newClass, c);
        compareMethods(oldClass, newClass, c);
        UpdateLevel level = c.level;
        if (level.compareTo(UpdateLevel.HOTSWAP) <= 0 && !c.checks.isEmpty()) {
            // A check HotSpot fails is never HOTSWAP, whatever the catalogue says of the changes that failed it.
            level = UpdateLevel.ENHANCED;
        }
        ChangeKind levelCause = level.compareTo(UpdateLevel.ENHANCED) > 0 ? c.cause : null;
        return new Comparison(List.copyOf(new TreeSet<>(c.changes)), c.checks, c.hazards, level, levelCause);
    }

    private void compareClass(ClassModel o, ClassModel n, Collector c) {
        if ("module-info".equals(n.name()) && !sameModule(o, n)) {
            c.add(ChangeKind.MODULE_INFO_CHANGED, null);
        }
        if (o.kind() != n.kind()) {
            c.add(ChangeKind.CLASS_KIND_CHANGED, o.kind() + " -> " + n.kind());
        }
        if (o.version() != n.version()) {
            c.add(ChangeKind.CLASS_VERSION_CHANGED, null);
        }
        // 1-3: hierarchy.
        if (!Objects.equals(o.superName(), n.superName())) {
            c.add(ChangeKind.SUPERCLASS_CHANGED, dotted(n.superName()));
        }
        if (!o.interfaces().equals(n.interfaces())) {
            boolean addedOrRemoved = false;
            for (String i : o.interfaces()) {
                if (!n.interfaces().contains(i)) {
                    c.add(ChangeKind.INTERFACE_REMOVED, dotted(i));
                    addedOrRemoved = true;
                }
            }
            for (String i : n.interfaces()) {
                if (!o.interfaces().contains(i)) {
                    c.add(ChangeKind.INTERFACE_ADDED, dotted(i));
                    addedOrRemoved = true;
                }
            }
            if (!addedOrRemoved) {
                c.add(ChangeKind.INTERFACES_REORDERED, null);
            }
        }
        // 5-8: NestHost, NestMembers, Record, PermittedSubclasses.
        if (!Objects.equals(o.nestHost(), n.nestHost())) {
            c.add(ChangeKind.NEST_HOST_CHANGED, dotted(n.nestHost()));
        }
        if (!Objects.equals(o.nestMembers(), n.nestMembers())) {
            c.add(ChangeKind.NEST_MEMBERS_CHANGED, null);
        }
        compareRecord(o, n, c);
        if (!Objects.equals(o.permittedSubclasses(), n.permittedSubclasses())) {
            c.add(ChangeKind.PERMITTED_SUBCLASSES_CHANGED, null);
        }
        // 9: class modifiers.
        if ((o.access() & CLASS_FLAGS_COMPARED) != (n.access() & CLASS_FLAGS_COMPARED)) {
            c.add(ChangeKind.CLASS_FLAGS_CHANGED, null);
        }
        // Attributes a redefinition may change.
        if (!Objects.equals(o.signature(), n.signature())) {
            c.add(ChangeKind.GENERIC_SIGNATURE_CHANGED, null);
        }
        if (!o.annotations().equals(n.annotations())) {
            c.add(ChangeKind.ANNOTATIONS_CHANGED, null);
        }
        if (!o.nesting().equals(n.nesting())) {
            c.add(ChangeKind.INNER_CLASSES_CHANGED, null);
        }
        if (!o.bootstrapMethods().equals(n.bootstrapMethods())) {
            c.add(ChangeKind.BOOTSTRAP_METHODS_CHANGED, null);
        }
        if (!o.otherAttributes().equals(n.otherAttributes())) {
            c.add(ChangeKind.OTHER_ATTRIBUTE_CHANGED, null);
        }
        if (!o.debug().equals(n.debug())) {
            c.add(ChangeKind.DEBUG_INFO_CHANGED, null);
        }
    }

    private static boolean sameModule(ClassModel o, ClassModel n) {
        return o.module().equals(n.module())
                && o.annotations().equals(n.annotations())
                && o.version() == n.version()
                && o.access() == n.access();
    }

    private static void compareRecord(ClassModel o, ClassModel n, Collector c) {
        List<RecordComponentModel> oc = o.recordComponents();
        List<RecordComponentModel> nc = n.recordComponents();
        if (oc == null || nc == null) {
            if (oc != nc) {
                c.add(ChangeKind.RECORD_COMPONENTS_CHANGED, null);
            }
            return;
        }
        boolean shapeChanged = oc.size() != nc.size();
        boolean annotationsChanged = false;
        for (int i = 0; !shapeChanged && i < oc.size(); i++) {
            RecordComponentModel a = oc.get(i);
            RecordComponentModel b = nc.get(i);
            shapeChanged = !a.name().equals(b.name())
                    || !a.descriptor().equals(b.descriptor())
                    || !Objects.equals(a.signature(), b.signature());
            annotationsChanged |= !a.annotations().equals(b.annotations());
        }
        if (shapeChanged) {
            c.add(ChangeKind.RECORD_COMPONENTS_CHANGED, null);
        } else if (annotationsChanged) {
            // HotSpot lets component annotations change (check 7 compares name, descriptor and signature only).
            c.add(ChangeKind.ANNOTATIONS_CHANGED, null);
        }
    }

    private void compareFields(ClassModel o, ClassModel n, Collector c) {
        List<FieldModel> of = o.fields();
        List<FieldModel> nf = n.fields();
        // 10-11: HotSpot's positional walk.
        boolean schemaChanged = of.size() != nf.size();
        for (int i = 0; i < Math.min(of.size(), nf.size()); i++) {
            FieldModel a = of.get(i);
            FieldModel b = nf.get(i);
            if (!a.name().equals(b.name())
                    || !a.descriptor().equals(b.descriptor())
                    || (a.access() & FIELD_FLAGS_COMPARED) != (b.access() & FIELD_FLAGS_COMPARED)) {
                schemaChanged = true;
            }
        }
        // What changed, by name.
        Map<String, FieldModel> oldByName = byName(of);
        Map<String, FieldModel> newByName = byName(nf);
        List<String> commonOldOrder = new ArrayList<>();
        for (FieldModel a : of) {
            FieldModel b = newByName.get(a.name());
            if (b == null) {
                c.add(ChangeKind.FIELD_REMOVED, a.member());
                if ("serialVersionUID".equals(a.name())) {
                    c.hazards.add(Hazard.SERIAL_VERSION_CHANGED);
                }
                continue;
            }
            commonOldOrder.add(a.name());
            compareField(a, b, c);
        }
        List<String> commonNewOrder = new ArrayList<>();
        for (FieldModel b : nf) {
            if (!oldByName.containsKey(b.name())) {
                c.add(ChangeKind.FIELD_ADDED, b.member());
                c.hazards.add(
                        b.name().startsWith("$SwitchMap$")
                                ? Hazard.ENUM_SWITCH_MAP_CHANGED
                                : Hazard.NEW_FIELD_DEFAULT_VALUE);
                if ("serialVersionUID".equals(b.name())) {
                    c.hazards.add(Hazard.SERIAL_VERSION_CHANGED);
                }
            } else {
                commonNewOrder.add(b.name());
            }
        }
        if (!commonOldOrder.equals(commonNewOrder)) {
            c.add(ChangeKind.FIELDS_REORDERED, null);
        }
        List<String> oldConstants = enumConstants(of);
        List<String> newConstants = enumConstants(nf);
        if (!oldConstants.equals(newConstants)) {
            c.add(ChangeKind.ENUM_CONSTANTS_CHANGED, null);
        }
        if (schemaChanged) {
            c.checks.add(RedefinitionCheck.UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED);
        }
    }

    private static void compareField(FieldModel a, FieldModel b, Collector c) {
        if (!a.descriptor().equals(b.descriptor())) {
            c.add(ChangeKind.FIELD_TYPE_CHANGED, b.member());
        }
        if (a.isStatic() != b.isStatic()) {
            c.add(ChangeKind.FIELD_STATIC_CHANGED, b.member());
        } else if ((a.access() & FIELD_FLAGS_COMPARED) != (b.access() & FIELD_FLAGS_COMPARED)) {
            c.add(ChangeKind.FIELD_FLAGS_CHANGED, b.member());
        }
        if (!Objects.equals(a.value(), b.value())) {
            c.add(ChangeKind.FIELD_CONSTANT_VALUE_CHANGED, b.member());
            c.hazards.add(
                    "serialVersionUID".equals(b.name())
                            ? Hazard.SERIAL_VERSION_CHANGED
                            : Hazard.CONSTANT_VALUE_CHANGED);
        }
        if (!Objects.equals(a.signature(), b.signature())) {
            c.add(ChangeKind.GENERIC_SIGNATURE_CHANGED, b.member());
        }
        if (!a.annotations().equals(b.annotations())) {
            c.add(ChangeKind.ANNOTATIONS_CHANGED, b.member());
        }
        if (!a.otherAttributes().equals(b.otherAttributes())) {
            c.add(ChangeKind.OTHER_ATTRIBUTE_CHANGED, b.member());
        }
    }

    private void compareMethods(ClassModel o, ClassModel n, Collector c) {
        Map<String, MethodModel> oldMethods = new LinkedHashMap<>();
        for (MethodModel m : o.methods()) {
            oldMethods.put(m.member(), m);
        }
        Map<String, MethodModel> newMethods = new LinkedHashMap<>();
        for (MethodModel m : n.methods()) {
            newMethods.put(m.member(), m);
        }
        for (MethodModel a : o.methods()) {
            MethodModel b = newMethods.get(a.member());
            if (b == null) {
                c.addMethod(ChangeKind.METHOD_REMOVED, a);
                if ("<clinit>".equals(a.name())) {
                    c.hazards.add(Hazard.STATIC_INITIALIZER_CHANGED);
                }
            } else {
                compareMethod(a, b, c);
            }
        }
        for (MethodModel b : n.methods()) {
            if (!oldMethods.containsKey(b.member())) {
                c.addMethod(ChangeKind.METHOD_ADDED, b);
                if ("<clinit>".equals(b.name())) {
                    c.hazards.add(Hazard.STATIC_INITIALIZER_CHANGED);
                }
            }
        }
        LambdaBodies.detectMoves(oldMethods, newMethods, c.hazards);
    }

    private static void compareMethod(MethodModel a, MethodModel b, Collector c) {
        String member = b.member();
        if (retargeted(a, b)) {
            c.hazards.add(Hazard.METHOD_REFERENCE_RETARGETED);
        }
        if ((a.access() & METHOD_FLAGS_COMPARED) != (b.access() & METHOD_FLAGS_COMPARED)) {
            c.add(ChangeKind.METHOD_FLAGS_CHANGED, member);
        }
        if (!a.code().equals(b.code())) {
            switch (b.name()) {
                case "<clinit>" -> {
                    c.add(ChangeKind.STATIC_INITIALIZER_CHANGED, member);
                    c.hazards.add(Hazard.STATIC_INITIALIZER_CHANGED);
                }
                case "<init>" -> {
                    c.add(ChangeKind.CONSTRUCTOR_BODY_CHANGED, member);
                    if (!a.fieldInitialization().equals(b.fieldInitialization())) {
                        c.hazards.add(Hazard.INSTANCE_INITIALIZER_CHANGED);
                    }
                }
                default -> c.add(ChangeKind.METHOD_BODY_CHANGED, member);
            }
        }
        if (!a.exceptions().equals(b.exceptions())) {
            c.add(ChangeKind.METHOD_THROWS_CHANGED, member);
        }
        if (!Objects.equals(a.signature(), b.signature())) {
            c.add(ChangeKind.GENERIC_SIGNATURE_CHANGED, member);
        }
        if (!a.annotations().equals(b.annotations())) {
            c.add(ChangeKind.ANNOTATIONS_CHANGED, member);
        }
        if (!a.parameters().equals(b.parameters())) {
            c.add(ChangeKind.METHOD_PARAMETERS_CHANGED, member);
        }
        if (!a.otherAttributes().equals(b.otherAttributes())) {
            c.add(ChangeKind.OTHER_ATTRIBUTE_CHANGED, member);
        }
        if (!a.debug().equals(b.debug())) {
            c.add(ChangeKind.DEBUG_INFO_CHANGED, null);
        }
    }

    /**
     * Whether a function-object call site kept from {@code a} to {@code b} (same name, descriptor and ordinal) now
     * binds another method. An object made at the old site calls its old target for as long as it lives; after a
     * restart, the site makes objects that call the new one. Sites that bind javac's synthetic lambda methods on both
     * sides are left to {@link LambdaBodies}: redefinition replaces those bodies by name.
     */
    private static boolean retargeted(MethodModel a, MethodModel b) {
        if (a.functionBindings().isEmpty() || b.functionBindings().isEmpty()) {
            return false;
        }
        Map<String, String> before = bindingsBySite(a);
        for (Map.Entry<String, String> now : bindingsBySite(b).entrySet()) {
            String old = before.get(now.getKey());
            if (old != null
                    && !old.equals(now.getValue())
                    && !(isLambdaTarget(old) && isLambdaTarget(now.getValue()))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> bindingsBySite(MethodModel m) {
        Map<String, String> sites = new LinkedHashMap<>();
        for (String binding : m.functionBindings()) {
            int eq = binding.indexOf('=');
            sites.put(binding.substring(0, eq), binding.substring(eq + 1));
        }
        return sites;
    }

    /** {@code tag owner.lambda$...}: a method javac synthesised for a lambda body. */
    private static boolean isLambdaTarget(String handle) {
        return handle.contains(".lambda$");
    }

    private static Map<String, FieldModel> byName(List<FieldModel> fields) {
        Map<String, FieldModel> map = new LinkedHashMap<>();
        for (FieldModel f : fields) {
            map.putIfAbsent(f.name(), f);
        }
        return map;
    }

    private static List<String> enumConstants(List<FieldModel> fields) {
        List<String> names = new ArrayList<>();
        for (FieldModel f : fields) {
            if (f.isEnumConstant()) {
                names.add(f.name());
            }
        }
        return names;
    }

    static String dotted(String internalName) {
        return internalName == null ? null : internalName.replace('/', '.');
    }

    /** Accumulates changes, failed checks, hazards and the level of one comparison. */
    private static final class Collector {
        final Profile profile;
        final List<Change> changes = new ArrayList<>();
        final EnumSet<RedefinitionCheck> checks = EnumSet.noneOf(RedefinitionCheck.class);
        final EnumSet<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        UpdateLevel level = UpdateLevel.NONE;
        ChangeKind cause;

        Collector(Profile profile) {
            this.profile = profile;
        }

        /**
         * A change at its catalogue level. Field checks run positionally in compareFields, exactly as HotSpot walks
         * fields, so a field change's schema check is not added here.
         */
        void add(ChangeKind kind, String member) {
            RedefinitionCheck check = kind.check();
            record(
                    kind,
                    member,
                    kind.level(),
                    check == RedefinitionCheck.UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED ? null : check);
        }

        /** A method added or deleted: HOTSWAP without a failed check when the profile lets HotSpot accept it. */
        void addMethod(ChangeKind kind, MethodModel method) {
            if (profile.allowsAddOrDelete(method.access())) {
                record(kind, method.member(), UpdateLevel.HOTSWAP, null);
            } else {
                record(kind, method.member(), kind.level(), kind.check());
            }
        }

        private void record(ChangeKind kind, String member, UpdateLevel changeLevel, RedefinitionCheck check) {
            changes.add(new Change(kind, member));
            if (check != null) {
                checks.add(check);
            }
            if (changeLevel.compareTo(level) > 0) {
                level = changeLevel;
                cause = kind;
            }
        }
    }
}
