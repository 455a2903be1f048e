package io.liveupdate.differ;

import static io.liveupdate.differ.RedefinitionCheck.UNSUPPORTED_REDEFINITION_CLASS_ATTRIBUTE_CHANGED;
import static io.liveupdate.differ.RedefinitionCheck.UNSUPPORTED_REDEFINITION_CLASS_MODIFIERS_CHANGED;
import static io.liveupdate.differ.RedefinitionCheck.UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED;
import static io.liveupdate.differ.RedefinitionCheck.UNSUPPORTED_REDEFINITION_METHOD_ADDED;
import static io.liveupdate.differ.RedefinitionCheck.UNSUPPORTED_REDEFINITION_METHOD_DELETED;
import static io.liveupdate.differ.RedefinitionCheck.UNSUPPORTED_REDEFINITION_METHOD_MODIFIERS_CHANGED;
import static io.liveupdate.differ.RedefinitionCheck.UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED;

/**
 * The catalogue of class-file changes. Each kind carries the ladder level it needs under the default profile, the
 * HotSpot check it fails (null when standard redefinition accepts it), and a one-line explanation. The rules above
 * HOTSWAP and their sources are tabulated in docs/ladder.md.
 */
public enum ChangeKind {
    // Whole-class changes that no redefinition mechanism can apply meaningfully.
    CLASS_KIND_CHANGED(UpdateLevel.RESTART, null, "class kind changed (class, interface, enum, record, annotation)"),
    MODULE_INFO_CHANGED(UpdateLevel.RESTART, null, "module-info changed; module graphs are resolved once at startup"),
    MODULE_INFO_ADDED(
            UpdateLevel.RESTART,
            null,
            "module-info added: the code becomes a named module, which only a new JVM (module graph) can give it"),
    MODULE_INFO_REMOVED(
            UpdateLevel.RESTART,
            null,
            "module-info removed: the code leaves its named module, which only a new JVM (module graph) can do"),

    // Hierarchy (HotSpot checks 1-3).
    SUPERCLASS_CHANGED(
            UpdateLevel.TRANSFORM,
            UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED,
            "superclass changed; inherited state of existing objects must be transformed"),
    INTERFACE_ADDED(UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED, "an interface was added"),
    INTERFACE_REMOVED(
            UpdateLevel.TRANSFORM,
            UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED,
            "an interface was removed; enhanced redefinition refuses removals"),
    INTERFACES_REORDERED(
            UpdateLevel.ENHANCED,
            UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED,
            "the same interfaces in another order; HotSpot compares them positionally"),

    // Class attributes (HotSpot checks 5-8).
    NEST_HOST_CHANGED(UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_CLASS_ATTRIBUTE_CHANGED, "NestHost changed"),
    NEST_MEMBERS_CHANGED(
            UpdateLevel.ENHANCED,
            UNSUPPORTED_REDEFINITION_CLASS_ATTRIBUTE_CHANGED,
            "NestMembers changed (nested, local or anonymous class added or removed)"),
    RECORD_COMPONENTS_CHANGED(
            UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_CLASS_ATTRIBUTE_CHANGED, "Record components changed"),
    PERMITTED_SUBCLASSES_CHANGED(
            UpdateLevel.ENHANCED,
            UNSUPPORTED_REDEFINITION_CLASS_ATTRIBUTE_CHANGED,
            "PermittedSubclasses changed (sealed hierarchy)"),

    // Class modifiers (HotSpot check 9).
    CLASS_FLAGS_CHANGED(
            UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_CLASS_MODIFIERS_CHANGED, "class access flags changed"),

    // Schema (HotSpot checks 10-11).
    FIELD_ADDED(UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED, "a field was added"),
    FIELD_REMOVED(UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED, "a field was removed"),
    FIELDS_REORDERED(
            UpdateLevel.ENHANCED,
            UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED,
            "fields declared in another order; HotSpot walks fields positionally"),
    FIELD_FLAGS_CHANGED(UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED, "field access flags changed"),
    FIELD_STATIC_CHANGED(
            UpdateLevel.TRANSFORM,
            UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED,
            "a field moved between static and instance; its state must be moved by a transformer"),
    FIELD_TYPE_CHANGED(
            UpdateLevel.TRANSFORM,
            UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED,
            "a field's type changed; existing values must be converted"),
    ENUM_CONSTANTS_CHANGED(
            UpdateLevel.TRANSFORM,
            null,
            "enum constants added, removed, renamed or reordered; $VALUES and ordinals are never re-initialised"),
    FIELD_CONSTANT_VALUE_CHANGED(UpdateLevel.HOTSWAP, null, "a field's ConstantValue attribute changed"),

    // Methods (HotSpot checks 12-14).
    METHOD_ADDED(UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_METHOD_ADDED, "a method was added"),
    METHOD_REMOVED(UpdateLevel.ENHANCED, UNSUPPORTED_REDEFINITION_METHOD_DELETED, "a method was removed"),
    METHOD_FLAGS_CHANGED(
            UpdateLevel.ENHANCED,
            UNSUPPORTED_REDEFINITION_METHOD_MODIFIERS_CHANGED,
            "method access flags changed (ACC_BRIDGE and ACC_SYNTHETIC count; ACC_NATIVE does not)"),
    METHOD_BODY_CHANGED(UpdateLevel.HOTSWAP, null, "a method's instructions or exception table changed"),
    CONSTRUCTOR_BODY_CHANGED(UpdateLevel.HOTSWAP, null, "a constructor's instructions changed"),
    STATIC_INITIALIZER_CHANGED(UpdateLevel.HOTSWAP, null, "the static initializer <clinit> changed"),
    METHOD_THROWS_CHANGED(UpdateLevel.HOTSWAP, null, "a method's throws clause (Exceptions attribute) changed"),
    METHOD_PARAMETERS_CHANGED(UpdateLevel.HOTSWAP, null, "a method's MethodParameters attribute changed"),

    // Attributes HotSpot lets a redefinition change.
    ANNOTATIONS_CHANGED(UpdateLevel.HOTSWAP, null, "annotations or annotation defaults changed"),
    GENERIC_SIGNATURE_CHANGED(UpdateLevel.HOTSWAP, null, "a generic Signature attribute changed"),
    BOOTSTRAP_METHODS_CHANGED(
            UpdateLevel.HOTSWAP, null, "the bootstrap methods used by invokedynamic or condy changed"),
    INNER_CLASSES_CHANGED(UpdateLevel.HOTSWAP, null, "InnerClasses or EnclosingMethod changed"),
    CLASS_VERSION_CHANGED(UpdateLevel.HOTSWAP, null, "the class-file version changed"),
    OTHER_ATTRIBUTE_CHANGED(UpdateLevel.HOTSWAP, null, "a non-standard attribute changed"),

    // Debug attributes only.
    DEBUG_INFO_CHANGED(
            UpdateLevel.NONE,
            null,
            "only debug attributes changed (LineNumberTable, LocalVariable(Type)Table, SourceFile, SourceDebugExtension)");

    private final UpdateLevel level;
    private final RedefinitionCheck check;
    private final String description;

    ChangeKind(UpdateLevel level, RedefinitionCheck check, String description) {
        this.level = level;
        this.check = check;
        this.description = description;
    }

    /** The ladder level this change needs under the default profile. */
    public UpdateLevel level() {
        return level;
    }

    /** The HotSpot check this change fails, or null when standard redefinition accepts it. */
    public RedefinitionCheck check() {
        return check;
    }

    /** One line explaining the change and why it sits at its level. */
    public String description() {
        return description;
    }
}
