package io.liveupdate.differ;

import java.util.Objects;

/**
 * One change found in a class.
 *
 * @param kind what changed
 * @param member the field ({@code name:descriptor}), method ({@code name(descriptor)return}) or supertype
 *     (binary name) it concerns, or null for a class-level change
 */
public record Change(ChangeKind kind, String member) implements Comparable<Change> {
    public Change {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public int compareTo(Change o) {
        int c = kind.compareTo(o.kind);
        if (c != 0) {
            return c;
        }
        if (Objects.equals(member, o.member)) {
            return 0;
        }
        if (member == null) {
            return -1;
        }
        return o.member == null ? 1 : member.compareTo(o.member);
    }
}
