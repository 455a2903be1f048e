package io.liveupdate.unit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.unit.UnitDescriptor.UnitClass;
import io.liveupdate.unit.UnitException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit format: what the packager writes, and what the strict reader refuses. */
class UnitFormatTest {
    @TempDir
    static Path tmp;

    static ClassSet base;
    static ClassSet target;

    @BeforeAll
    static void builds() {
        ClassSet[] builds = Units.builds(tmp);
        base = builds[0];
        target = builds[1];
    }

    @Test
    void sameInputsGiveTheSameBytesAndTheReaderGivesTheDescriptorBack() throws IOException {
        UnitPackager.Packaged first = UnitPackager.pack(Units.request(base, target));
        UnitPackager.Packaged second = UnitPackager.pack(Units.request(base, target));
        assertArrayEquals(first.jar(), second.jar());

        UnitDescriptor d = first.descriptor();
        assertEquals(UpdateLevel.HOTSWAP, d.level(), d.toString());
        assertEquals(7, d.sequence());
        assertEquals(
                List.of("demo.Greeter", "demo.Helper"),
                d.classes().stream().map(UnitClass::name).toList());
        UnitClass greeter = d.classes().get(0);
        assertEquals(ClassStatus.CHANGED, greeter.status());
        assertEquals(UnitJson.sha256(base.classes(0).get("demo.Greeter").bytes()), greeter.oldSha256());
        assertEquals(UnitJson.sha256(target.classes(0).get("demo.Greeter").bytes()), greeter.newSha256());
        UnitClass helper = d.classes().get(1);
        assertEquals(ClassStatus.ADDED, helper.status());
        assertNull(helper.oldSha256());
        assertEquals(UnitJson.id(d), d.id());

        Unit unit = Unit.read(first.jar(), "u.jar", UnitLimits.DEFAULTS);
        assertEquals(d, unit.descriptor());
        assertArrayEquals(target.classes(0).get("demo.Helper").bytes(), unit.bytes(helper));

        // The entries: manifest, descriptor, classes; STORED and timestamped with the target commit's time.
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(first.jar()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                assertEquals(
                        java.time.LocalDateTime.ofInstant(Units.TIME, java.time.ZoneOffset.UTC),
                        e.getTimeLocal(),
                        e.getName());
            }
        }
        assertEquals(
                List.of("META-INF/MANIFEST.MF", UnitDescriptor.PATH, "demo/Greeter.class", "demo/Helper.class"), names);
    }

    @Test
    void theDescriptorFollowsThePublishedSchema() throws IOException {
        byte[] json =
                UnitJson.write(UnitPackager.pack(Units.request(base, target)).descriptor());
        Set<ValidationMessage> errors = schema().validate(new ObjectMapper().readTree(json));
        assertTrue(errors.isEmpty(), errors.toString());

        // The schema is strict too: an unknown key and a wrong type are refused by it, as by the reader.
        JsonNode extra = new ObjectMapper()
                .readTree(new String(json, StandardCharsets.UTF_8)
                        .replace("\"sequence\"", "\"unknown\" : 1, \"sequence\""));
        assertFalse(schema().validate(extra).isEmpty());
        UnitException e = assertThrows(
                UnitException.class, () -> UnitJson.read(new ObjectMapper().writeValueAsBytes(extra), "u.jar"));
        assertEquals(Reason.BAD_DESCRIPTOR, e.reason());
        assertTrue(e.getMessage().contains("unknown key 'unknown'"), e.getMessage());
    }

    @Test
    void theDocsPageShowsTheSchemaOfTheModule() throws IOException {
        String schema = new String(schemaBytes(), StandardCharsets.UTF_8);
        Path page = Path.of("..", "docs", "update-unit.md");
        assertTrue(Files.readString(page).contains(schema), page + " must embed update-unit-1.schema.json as is");
    }

    @Test
    void theIdIsTheHashOfTheCanonicalFormWithoutTheId() {
        UnitDescriptor d = UnitPackager.pack(Units.request(base, target)).descriptor();
        String canonical = new String(UnitJson.canonical(d), StandardCharsets.UTF_8);
        assertFalse(canonical.contains("\"id\""));
        assertFalse(canonical.contains(" "), "no whitespace: " + canonical);
        assertTrue(canonical.startsWith("{\"base\":{\"artifact\":\"org.example:demo:1.0\""), canonical);
        assertEquals(UnitJson.sha256(UnitJson.canonical(d)), d.id());
    }

    @Test
    void aMultiReleaseBuildIsPackagedPerRelease() {
        Map<String, byte[]> baseFiles = new LinkedHashMap<>();
        Map<String, byte[]> targetFiles = new LinkedHashMap<>();
        base.classes(0).values().forEach(c -> baseFiles.put(c.name().replace('.', '/') + ".class", c.bytes()));
        base.classes(0)
                .values()
                .forEach(
                        c -> baseFiles.put("META-INF/versions/11/" + c.name().replace('.', '/') + ".class", c.bytes()));
        target.classes(0).values().forEach(c -> targetFiles.put(c.name().replace('.', '/') + ".class", c.bytes()));
        target.classes(0)
                .values()
                .forEach(c ->
                        targetFiles.put("META-INF/versions/11/" + c.name().replace('.', '/') + ".class", c.bytes()));
        ClassSet mrBase = ClassSet.of("base.jar", baseFiles);
        ClassSet mrTarget = ClassSet.of("target.jar", targetFiles);
        UnitPackager.Packaged unit = UnitPackager.pack(Units.request(mrBase, mrTarget));
        List<String> paths =
                unit.descriptor().classes().stream().map(UnitClass::path).toList();
        assertTrue(paths.contains("META-INF/versions/11/demo/Greeter.class"), paths.toString());
        assertTrue(paths.contains("demo/Greeter.class"), paths.toString());
        Unit read = Unit.read(unit.jar(), "mr.jar", UnitLimits.DEFAULTS);
        assertEquals(4, read.classes().size());
        assertTrue(new String(unit.jar(), StandardCharsets.ISO_8859_1).contains("Multi-Release: true"));
    }

    @Test
    void nothingToUpdateAndALevelAboveTheMaximumMakeNoUnit() {
        PackageRequest same = Units.request(base, base);
        assertEquals(
                Reason.NOTHING_TO_UPDATE,
                assertThrows(UnitException.class, () -> UnitPackager.pack(same)).reason());
        PackageRequest limited = Units.request(base, target).withMaxLevel(UpdateLevel.NONE);
        UnitException e = assertThrows(UnitException.class, () -> UnitPackager.pack(limited));
        assertEquals(Reason.LEVEL_TOO_HIGH, e.reason());
        assertTrue(e.reason().isVerdict(), e.getMessage());
    }

    @Test
    void theReaderRefusesWhatTheFormatDoesNotAllow() {
        byte[] good = UnitPackager.pack(Units.request(base, target)).jar();
        Map<String, byte[]> entries = entries(good);

        // No descriptor.
        assertRefused(Reason.DESCRIPTOR_MISSING, zip(withoutDescriptor(entries)));

        // Descriptor after a class.
        assertRefused(Reason.DESCRIPTOR_NOT_FIRST, zip(descriptorLast(entries)));

        // A class whose bytes are not the recorded ones (a different class file under the same name).
        Map<String, byte[]> swapped = new LinkedHashMap<>(entries);
        swapped.put("demo/Greeter.class", base.classes(0).get("demo.Greeter").bytes());
        assertRefused(Reason.HASH_MISMATCH, zip(swapped));

        // An entry the descriptor does not list.
        Map<String, byte[]> extra = new LinkedHashMap<>(entries);
        extra.put("demo/App.class", base.classes(0).get("demo.App").bytes());
        assertRefused(Reason.HASH_MISMATCH, zip(extra));

        // A descriptor whose id does not match its content.
        String json = new String(entries.get(UnitDescriptor.PATH), StandardCharsets.UTF_8);
        Map<String, byte[]> lying = new LinkedHashMap<>(entries);
        lying.put(
                UnitDescriptor.PATH,
                json.replace("\"sequence\" : 7", "\"sequence\" : 8").getBytes(StandardCharsets.UTF_8));
        assertRefused(Reason.ID_MISMATCH, zip(lying));

        // Another format version, a duplicate key, trailing content, a float.
        assertRefused(
                Reason.UNSUPPORTED_FORMAT,
                zip(with(entries, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"))));
        assertRefused(
                Reason.BAD_DESCRIPTOR,
                zip(with(entries, json.replace("\"sequence\" : 7", "\"sequence\" : 7, \"sequence\" : 7"))));
        assertRefused(Reason.BAD_DESCRIPTOR, zip(with(entries, json + "{}")));
        assertRefused(
                Reason.BAD_DESCRIPTOR, zip(with(entries, json.replace("\"sequence\" : 7", "\"sequence\" : 7.5"))));
        // A descriptor that claims less than its classes need, with an id that matches the claim.
        UnitDescriptor d = UnitJson.read(entries.get(UnitDescriptor.PATH), "u.jar");
        UnitDescriptor understated = Units.rebuilt(d, UpdateLevel.NONE, d.classes());
        assertRefused(
                Reason.BAD_DESCRIPTOR,
                zip(with(entries, new String(UnitJson.write(understated), StandardCharsets.UTF_8))));

        // Not a zip, truncated, a slip path, too large.
        assertRefused(Reason.CORRUPT_UNIT, "not a zip".getBytes(StandardCharsets.UTF_8));
        assertRefused(Reason.CORRUPT_UNIT, java.util.Arrays.copyOf(good, good.length - 10));
        Map<String, byte[]> slip = new LinkedHashMap<>(entries);
        slip.put("../evil.class", new byte[] {1});
        assertRefused(Reason.CORRUPT_UNIT, zip(slip));
        UnitException big = assertThrows(
                UnitException.class,
                () -> Unit.read(good, "u.jar", new UnitLimits(good.length - 1, 10, 1 << 20, 1 << 20)));
        assertEquals(Reason.CORRUPT_UNIT, big.reason());
    }

    private static Map<String, byte[]> with(Map<String, byte[]> entries, String descriptor) {
        Map<String, byte[]> m = new LinkedHashMap<>(entries);
        m.put(UnitDescriptor.PATH, descriptor.getBytes(StandardCharsets.UTF_8));
        return m;
    }

    private static void assertRefused(Reason reason, byte[] unit) {
        UnitException e = assertThrows(UnitException.class, () -> Unit.read(unit, "u.jar", UnitLimits.DEFAULTS));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("u.jar"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    static Map<String, byte[]> withoutDescriptor(Map<String, byte[]> entries) {
        Map<String, byte[]> m = new LinkedHashMap<>(entries);
        m.remove(UnitDescriptor.PATH);
        return m;
    }

    /** The entries with the descriptor moved after the classes. */
    static Map<String, byte[]> descriptorLast(Map<String, byte[]> entries) {
        Map<String, byte[]> m = withoutDescriptor(entries);
        m.put(UnitDescriptor.PATH, entries.get(UnitDescriptor.PATH));
        return m;
    }

    static Map<String, byte[]> entries(byte[] jar) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                out.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(io.liveupdate.signer.JarSignatureWriter.storedEntry(e.getKey(), e.getValue()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    static JsonSchema schema() throws IOException {
        try (InputStream in = new ByteArrayInputStream(schemaBytes())) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    static byte[] schemaBytes() throws IOException {
        try (InputStream in = UnitJson.class.getResourceAsStream("update-unit-1.schema.json")) {
            return in.readAllBytes();
        }
    }
}
