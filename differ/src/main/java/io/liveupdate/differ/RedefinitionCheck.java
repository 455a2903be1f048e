package io.liveupdate.differ;

/**
 * The checks of HotSpot's {@code VM_RedefineClasses::compare_and_normalize_class_versions}
 * (src/hotspot/share/prims/jvmtiRedefineClasses.cpp, identical in JDK 17, 21 and 25), in the order HotSpot runs
 * them, named by the JVMTI error each one returns. A class's {@code reasons} list every failing check in this
 * order; HotSpot itself stops at the first one it meets.
 *
 * <p>The three method checks are run in one walk over the methods sorted by symbol address, which differs between
 * runs and JVMs, so when a class fails more than one of them the JVM may name any of them first.
 */
public enum RedefinitionCheck {
    /** Superclass name, number of direct interfaces, or interface names (positionally) differ. */
    UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED("attempted to change superclass or interfaces"),
    /** NestHost, NestMembers, Record or PermittedSubclasses attribute added, removed or changed. */
    UNSUPPORTED_REDEFINITION_CLASS_ATTRIBUTE_CHANGED(
            "attempted to change the class NestHost, NestMembers, Record, or PermittedSubclasses attribute"),
    /** The class access flags differ. */
    UNSUPPORTED_REDEFINITION_CLASS_MODIFIERS_CHANGED("attempted to change the class modifiers"),
    /** Fields walked in declaration order differ in name, descriptor or flags, or the field count differs. */
    UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED("attempted to change the schema (add/remove fields)"),
    /** A method kept under the same name and descriptor changed flags other than ACC_NATIVE. */
    UNSUPPORTED_REDEFINITION_METHOD_MODIFIERS_CHANGED("attempted to change method modifiers"),
    /** A method was added. */
    UNSUPPORTED_REDEFINITION_METHOD_ADDED("attempted to add a method"),
    /** A method was deleted. */
    UNSUPPORTED_REDEFINITION_METHOD_DELETED("attempted to delete a method");

    private final String instrumentationMessage;

    RedefinitionCheck(String instrumentationMessage) {
        this.instrumentationMessage = instrumentationMessage;
    }

    /**
     * The text {@code java.lang.instrument} puts after "class redefinition failed: " in the
     * UnsupportedOperationException for this error (src/java.instrument/share/native/libinstrument/JavaExceptions.c).
     */
    public String instrumentationMessage() {
        return instrumentationMessage;
    }
}
