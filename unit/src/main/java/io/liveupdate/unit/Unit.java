package io.liveupdate.unit;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DifferException;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.signer.JarSignatureWriter;
import io.liveupdate.signer.SignerException;
import io.liveupdate.signer.ZipArchive;
import io.liveupdate.unit.UnitDescriptor.UnitClass;
import io.liveupdate.unit.UnitException.Reason;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A unit read strictly from its bytes: through the signer's zip parser (no duplicate, case-variant or escaping
 * names, no byte the headers do not account for, within {@link UnitLimits}), the descriptor the first entry after the
 * JAR-signature files, read by {@link UnitJson#read}, its id recomputed, every class entry listed in the descriptor
 * and its SHA-256 the recorded {@code newSha256}, and every class file well formed and named as its path says. A
 * {@code Unit} says nothing about who made it: {@link UnitCheck} verifies the signatures first.
 *
 * @param descriptor the descriptor
 * @param classes the new bytes of every CHANGED and ADDED class, by the path in the unit, in descriptor order
 */
public record Unit(UnitDescriptor descriptor, Map<String, byte[]> classes) {
    public Unit {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /** The new bytes of {@code c}, or null when it is REMOVED. */
    public byte[] bytes(UnitClass c) {
        return classes.get(c.path());
    }

    /** Reads a unit's bytes. */
    public static Unit read(byte[] bytes, String what, UnitLimits limits) {
        if (bytes.length > limits.maxUnitBytes()) {
            throw new UnitException(
                    Reason.CORRUPT_UNIT,
                    what + ": " + bytes.length + " bytes, more than the limit of " + limits.maxUnitBytes());
        }
        ZipArchive zip;
        try {
            zip = ZipArchive.read(bytes, what, limits.signerLimits());
        } catch (SignerException e) {
            throw new UnitException(Reason.CORRUPT_UNIT, e.getMessage(), e);
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        String first = null;
        for (ZipArchive.Entry e : zip.entries()) {
            if (e.isDirectory() || JarSignatureWriter.isSignatureRelated(e.name())) {
                continue;
            }
            if (first == null) {
                first = e.name();
            }
            try {
                contents.put(e.name(), zip.content(e));
            } catch (SignerException ex) {
                throw new UnitException(Reason.CORRUPT_UNIT, ex.getMessage(), ex);
            }
        }
        byte[] json = contents.remove(UnitDescriptor.PATH);
        if (json == null) {
            throw new UnitException(
                    Reason.DESCRIPTOR_MISSING, what + ": no " + UnitDescriptor.PATH + "; this is not an update unit");
        }
        if (!UnitDescriptor.PATH.equals(first)) {
            throw new UnitException(
                    Reason.DESCRIPTOR_NOT_FIRST,
                    what + ": " + UnitDescriptor.PATH + " is not the first entry (" + first + " is)");
        }
        UnitDescriptor d = UnitJson.read(json, what);
        String id = UnitJson.id(d);
        if (!id.equals(d.id())) {
            throw new UnitException(
                    Reason.ID_MISMATCH,
                    what + ": the descriptor's id " + d.id() + " is not the SHA-256 of its content (" + id + ")");
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Set<String> listed = new HashSet<>();
        for (UnitClass c : d.classes()) {
            String path = c.path();
            if (!listed.add(path.toLowerCase(Locale.ROOT))) {
                throw new UnitException(
                        Reason.BAD_DESCRIPTOR, what + ": the descriptor lists " + path + " twice (or in two cases)");
            }
            checkHashesPresent(c, what);
            byte[] content = contents.remove(path);
            if (c.newSha256() == null) {
                if (content != null) {
                    throw new UnitException(
                            Reason.HASH_MISMATCH, what + ": " + path + " is REMOVED in the descriptor but carried");
                }
                continue;
            }
            if (content == null) {
                throw new UnitException(Reason.HASH_MISMATCH, what + ": " + path + " is listed but not carried");
            }
            String actual = UnitJson.sha256(content);
            if (!actual.equals(c.newSha256())) {
                throw new UnitException(
                        Reason.HASH_MISMATCH,
                        what + ": " + path + " has SHA-256 " + actual + ", the descriptor records " + c.newSha256());
            }
            classes.put(path, content);
        }
        if (!contents.isEmpty()) {
            throw new UnitException(
                    Reason.HASH_MISMATCH,
                    what + ": " + contents.keySet().iterator().next() + " is carried but not in the descriptor");
        }
        try {
            ClassSet.of(what, classes); // class files well formed, names matching their paths
        } catch (DifferException e) {
            throw new UnitException(Reason.CORRUPT_UNIT, e.getMessage(), e);
        }
        checkSummary(d, what);
        return new Unit(d, classes);
    }

    private static void checkHashesPresent(UnitClass c, String what) {
        boolean ok =
                switch (c.status()) {
                    case ADDED -> c.oldSha256() == null && c.newSha256() != null;
                    case REMOVED -> c.oldSha256() != null && c.newSha256() == null;
                    case CHANGED -> c.oldSha256() != null && c.newSha256() != null;
                };
        if (!ok) {
            throw new UnitException(
                    Reason.BAD_DESCRIPTOR,
                    what + ": " + c.name() + " is " + c.status() + " but its oldSha256/newSha256 do not say so");
        }
    }

    /** The unit's level and hazards are those of its classes: a descriptor cannot claim less than they need. */
    private static void checkSummary(UnitDescriptor d, String what) {
        UpdateLevel level =
                d.classes().stream().map(UnitClass::level).max(Enum::compareTo).orElse(UpdateLevel.NONE);
        TreeSet<Hazard> hazards = new TreeSet<>();
        d.classes().forEach(c -> hazards.addAll(c.hazards()));
        if (d.level() != level || !List.copyOf(hazards).equals(d.hazards())) {
            throw new UnitException(
                    Reason.BAD_DESCRIPTOR,
                    what + ": the descriptor's level " + d.level() + " and hazards " + d.hazards()
                            + " are not those of its classes (" + level + ", " + hazards + ")");
        }
    }
}
