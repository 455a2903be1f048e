package io.liveupdate.differ;

/**
 * Changes a mechanism accepts that do not behave like a restart. Ids are stable: they are part of the report
 * contract. Hazards are reported at every level, including NONE and HOTSWAP.
 */
public enum Hazard {
    STATIC_INITIALIZER_CHANGED(
            "<clinit> changed, was added or removed; redefinition never re-runs it, so static state keeps its old values"),
    INSTANCE_INITIALIZER_CHANGED(
            "a constructor (field initializers, initializer blocks, calls on the new object) now builds objects differently; existing objects keep what the old code gave them"),
    CONSTANT_VALUE_CHANGED(
            "a ConstantValue changed; classes compiled against the old value keep it inlined, and reflection reads the old one"),
    LAMBDA_BODIES_MOVED(
            "a synthetic lambda method now holds the body of a different old lambda; existing lambda objects would run another body"),
    METHOD_REFERENCE_RETARGETED(
            "a method reference (or lambda site) now binds another method; function objects created before the update keep calling the old one"),
    ANONYMOUS_CLASSES_RENUMBERED(
            "an anonymous class Outer$N now has the body or supertypes of the old Outer$M; existing instances would change behaviour"),
    ENUM_SWITCH_MAP_CHANGED(
            "a $SwitchMap$ array this class uses or declares was built from old enum ordinals and is never rebuilt"),
    SERIAL_VERSION_CHANGED(
            "serialVersionUID changed, was added or removed; serialized state of the old version no longer deserializes the same"),
    NEW_FIELD_DEFAULT_VALUE(
            "an added field starts at 0/null in existing objects and classes; its initialiser does not run"),
    CLASS_REMOVED("the class is gone from the new build, but the running program keeps the old class loaded");

    private final String description;

    Hazard(String description) {
        this.description = description;
    }

    /** One line saying why this hazard makes the update differ from a restart. */
    public String description() {
        return description;
    }
}
