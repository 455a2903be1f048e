package io.liveupdate.differ;

/**
 * Which HotSpot configuration the HOTSWAP verdict predicts. The profile used is recorded in every result.
 */
public enum Profile {
    /** HotSpot 17/21/25 with default flags: JVMTI RedefineClasses as specified. */
    HOTSWAP("hotswap"),
    /**
     * HotSpot started with the deprecated {@code -XX:+AllowRedefinitionToAddDeleteMethods} (JDK-8192936): adding or
     * deleting {@code private static} or {@code private final} methods passes, everything else as {@link #HOTSWAP}.
     */
    HOTSWAP_ADD_DELETE("hotswap-add-delete");

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    /** The name used on the command line and in reports. */
    public String id() {
        return id;
    }

    /**
     * Whether HotSpot with this profile lets a redefinition add or delete a method with these access flags: {@code
     * can_add_or_delete(m) = AllowRedefinitionToAddDeleteMethods && m.is_private() && (m.is_static() || m.is_final())}
     * in jvmtiRedefineClasses.cpp.
     */
    public boolean allowsAddOrDelete(int methodAccess) {
        if (this != HOTSWAP_ADD_DELETE) {
            return false;
        }
        boolean isPrivate = (methodAccess & 0x0002) != 0;
        boolean isStaticOrFinal = (methodAccess & (0x0008 | 0x0010)) != 0;
        return isPrivate && isStaticOrFinal;
    }

    public static Profile parse(String id) {
        for (Profile profile : values()) {
            if (profile.id.equalsIgnoreCase(id)) {
                return profile;
            }
        }
        throw new DifferException(
                DifferException.Reason.INVALID_ARGUMENT,
                "unknown profile '" + id + "' (expected hotswap or hotswap-add-delete)");
    }
}
