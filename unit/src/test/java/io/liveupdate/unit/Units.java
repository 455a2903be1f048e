package io.liveupdate.unit;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.signer.KeyAlgorithm;
import io.liveupdate.signer.ReleaseSigner;
import io.liveupdate.signer.SignOptions;
import io.liveupdate.signer.SigningKey;
import io.liveupdate.signer.SigningKeyGenerator;
import io.liveupdate.testing.Javac;
import io.liveupdate.unit.UnitDescriptor.Base;
import io.liveupdate.unit.UnitDescriptor.Dependency;
import io.liveupdate.unit.UnitDescriptor.Resource;
import io.liveupdate.unit.UnitDescriptor.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test fixtures: two real builds of a small application, units made from them, and signing keys. */
final class Units {
    static final String BASE_COMMIT = "1111111111111111111111111111111111111111";
    static final String TARGET_COMMIT = "2222222222222222222222222222222222222222";
    static final Instant TIME = Instant.parse("2026-06-01T10:00:00Z");

    static final String GREETER_V1 =
            "package demo;\npublic class Greeter {\n  public String greet() { return \"hello v1\"; }\n}\n";
    static final String GREETER_V2 =
            "package demo;\npublic class Greeter {\n  public String greet() { return Helper.twice(\"hello v2\"); }\n}\n";
    static final String HELPER =
            "package demo;\nfinal class Helper {\n  static String twice(String s) { return s + \" \" + s; }\n}\n";
    static final String APP = "package demo;\npublic class App {\n  public static void main(String[] a) {}\n}\n";

    private Units() {}

    static ClassSet build(Path dir, Map<String, String> sources) {
        return ClassSet.of(dir.toString(), Javac.compile(sources, dir));
    }

    /** The base build (App, Greeter v1) and the target (App, Greeter v2 calling an added Helper). */
    static ClassSet[] builds(Path tmp) {
        ClassSet base = build(tmp.resolve("base"), Map.of("demo/Greeter.java", GREETER_V1, "demo/App.java", APP));
        ClassSet target = build(
                tmp.resolve("target"),
                Map.of("demo/Greeter.java", GREETER_V2, "demo/Helper.java", HELPER, "demo/App.java", APP));
        return new ClassSet[] {base, target};
    }

    static PackageRequest request(ClassSet base, ClassSet target) {
        return request(base, target, Profile.HOTSWAP);
    }

    static PackageRequest request(ClassSet base, ClassSet target, Profile profile) {
        DiffResult diff = new Differ(profile).diff(base, target);
        return new PackageRequest(
                diff,
                base,
                target,
                new Base(BASE_COMMIT, "org.example:demo:1.0"),
                new Target(TARGET_COMMIT, false),
                TIME,
                7,
                TIME.plus(PackageRequest.DEFAULT_VALIDITY),
                List.of(new Resource("app.properties", io.liveupdate.differ.ClassStatus.CHANGED)),
                List.of(new Dependency("org.example:lib", "1.0", "1.1")),
                null);
    }

    /** {@code d} with another level and classes, and the id that matches them (a descriptor that lies consistently). */
    static UnitDescriptor rebuilt(
            UnitDescriptor d, io.liveupdate.differ.UpdateLevel level, List<UnitDescriptor.UnitClass> classes) {
        UnitDescriptor r = new UnitDescriptor(
                d.formatVersion(),
                null,
                d.base(),
                d.target(),
                d.sequence(),
                d.expires(),
                d.profile(),
                level,
                d.hazards(),
                classes,
                d.resources(),
                d.dependencies());
        return r.withId(UnitJson.id(r));
    }

    static SigningKey key(KeyAlgorithm algorithm) {
        KeyPair pair = SigningKeyGenerator.generateKeyPair(algorithm);
        return new SigningKey(
                pair.getPrivate(),
                List.of(SigningKeyGenerator.selfSignedCertificate(
                        pair, "CN=liveupdate test", TIME.minusSeconds(86400))),
                null);
    }

    /** Signs {@code jar} and writes it and its {@code .p7s} as {@code file}. */
    static Path writeSigned(byte[] jar, SigningKey key, Path file) {
        ReleaseSigner.Signed signed =
                ReleaseSigner.signBytes(jar, file.getFileName().toString(), true, key, null, SignOptions.defaults());
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, signed.file());
            Files.write(ReleaseSigner.cmsSignatureOf(file), signed.cms());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
