package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signed statements that move a {@link TrustFile} forward, as in TUF's root rotation (signing.md §5 and §7.1): a
 * rotation names the current anchor and the next key and must be signed by both (the old key proves the owner agreed,
 * the new key proves possession); a revocation names a key to retire for good and must be signed by the anchor. Each
 * carries the trust file's next sequence number, so an old statement cannot be replayed. A statement is a CMS
 * SignedData with the statement text encapsulated and the certificates included.
 */
public final class TrustStatements {
    static final String MAGIC = "liveupdate-trust-statement";

    private TrustStatements() {}

    /** Creates a rotation from the current anchor ({@code oldKey}) to {@code newKey}. */
    public static byte[] rotation(TrustFile trust, SigningKey oldKey, SigningKey newKey) {
        String text = MAGIC + ": 1\ntype: rotate\nsequence: " + (trust.sequence() + 1) + "\nfrom: "
                + oldKey.fingerprint() + "\nto: " + newKey.fingerprint() + "\n";
        return sign(text, List.of(oldKey, newKey));
    }

    /** Creates a revocation of {@code revoked}, signed by the anchor. */
    public static byte[] revocation(TrustFile trust, SigningKey anchorKey, Fingerprint revoked) {
        String text = MAGIC + ": 1\ntype: revoke\nsequence: " + (trust.sequence() + 1) + "\nanchor: "
                + anchorKey.fingerprint() + "\nrevoke: " + revoked + "\n";
        return sign(text, List.of(anchorKey));
    }

    static byte[] sign(String text, List<SigningKey> signers) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            List<X509Certificate> certificates = new ArrayList<>();
            for (SigningKey key : signers) {
                generator.addSignerInfoGenerator(
                        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                                        .setProvider(SignatureAlgorithms.BC)
                                        .build())
                                .build(key.contentSigner(false), key.certificate()));
                certificates.add(key.certificate());
            }
            generator.addCertificates(new JcaCertStore(certificates));
            return generator
                    .generate(new CMSProcessableByteArray(text.getBytes(StandardCharsets.UTF_8)), true)
                    .getEncoded("DER");
        } catch (CMSException | OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new SignerException(Reason.BAD_INPUT, "cannot sign the trust statement: " + e.getMessage(), e);
        }
    }

    /** Makes a statement for the current trust file (a rotation or a revocation). */
    @FunctionalInterface
    public interface Maker {
        byte[] make(TrustFile trust);
    }

    /** The kinds of statement; each command applies only its own. */
    public enum Kind {
        ROTATION("rotate"),
        REVOCATION("revoke");

        private final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    /**
     * Applies the statement in {@code statementFile} to the trust file at {@code trustFile}, which is rewritten
     * (atomically) only when the statement verifies.
     *
     * @return the trust file as written
     */
    public static TrustFile applyFile(Path trustFile, Path statementFile, Kind kind, Path stateDirectory) {
        TrustFile trust = TrustFile.read(trustFile);
        byte[] statement = SigningKeyLoader.readInput(statementFile, "trust statement");
        TrustFile next = apply(trust, statement, statementFile.toString(), kind);
        next.write(trustFile);
        remember(next, trustFile, stateDirectory);
        return next;
    }

    /** The new trust file's sequence goes into the rollback memory: its older copies are refused from now on. */
    private static void remember(TrustFile next, Path trustFile, Path stateDirectory) {
        TrustState.open(stateDirectory == null ? TrustState.defaultDirectory(trustFile) : stateDirectory)
                .admit(next, trustFile.toString());
    }

    /**
     * Makes a statement for the trust file at {@code trustFile}, verifies it as any received statement is verified,
     * then writes it to {@code statementOut} (to hand to other holders of the trust file) and rewrites the trust file,
     * both or neither.
     *
     * @return the trust file as written
     */
    public static TrustFile createAndApply(
            Path trustFile, Path statementOut, Kind kind, Path stateDirectory, Maker maker) {
        TrustFile trust = TrustFile.read(trustFile);
        byte[] statement = maker.make(trust);
        TrustFile next = apply(trust, statement, statementOut.toString(), kind);
        byte[] text = next.format().getBytes(StandardCharsets.UTF_8);
        try (AtomicFiles out = new AtomicFiles()) {
            out.stage(statementOut, o -> o.write(statement), AtomicFiles.Visibility.PUBLIC);
            out.stage(trustFile, o -> o.write(text), AtomicFiles.Visibility.PUBLIC);
            out.commit();
        }
        remember(next, trustFile, stateDirectory);
        return next;
    }

    /** Verifies a statement of {@code kind} against {@code trust} and returns the trust file it leads to. */
    public static TrustFile apply(TrustFile trust, byte[] statement, String what, Kind kind) {
        String type = readType(statement);
        if (type != null && !type.equals(kind.type)) {
            throw new SignerException(
                    Reason.BAD_TRUST_STATEMENT,
                    what + ": a " + (type.equals("rotate") ? "rotation" : type.equals("revoke") ? "revocation" : type)
                            + " statement, not a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " one");
        }
        return apply(trust, statement, what);
    }

    /** The statement's type field, read before verification only to refuse the wrong kind early; null if unreadable. */
    private static String readType(byte[] statement) {
        try {
            CMSSignedData signed = new CMSSignedData(statement);
            if (signed.getSignedContent() == null) {
                return null;
            }
            String text = new String((byte[]) signed.getSignedContent().getContent(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("type:")) {
                    return line.substring(5).strip();
                }
            }
            return null;
        } catch (CMSException | RuntimeException e) {
            return null;
        }
    }

    /** Verifies a statement against {@code trust} and returns the trust file it leads to. */
    public static TrustFile apply(TrustFile trust, byte[] statement, String what) {
        CMSSignedData signed;
        Map<String, String> fields = new LinkedHashMap<>();
        Map<Fingerprint, X509Certificate> validSigners = new LinkedHashMap<>();
        try {
            signed = new CMSSignedData(statement);
            if (signed.getSignedContent() == null) {
                throw new SignerException(Reason.BAD_TRUST_STATEMENT, what + ": the statement has no content");
            }
            String text = new String((byte[]) signed.getSignedContent().getContent(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(
                            line.substring(0, colon).strip(),
                            line.substring(colon + 1).strip());
                }
            }
            for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> matches =
                        signed.getCertificates().getMatches(signer.getSID());
                if (matches.isEmpty()) {
                    throw new SignerException(Reason.BAD_TRUST_STATEMENT, what + ": a signer's certificate is missing");
                }
                X509CertificateHolder holder = matches.iterator().next();
                SignatureAlgorithms.requireStrongDigest(signer.getDigestAlgorithmID(), what);
                SignatureAlgorithms.requireStrongSignature(
                        signer.toASN1Structure().getDigestEncryptionAlgorithm(),
                        holder.getSubjectPublicKeyInfo(),
                        what);
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(SignatureAlgorithms.BC)
                        .build(holder))) {
                    throw new SignerException(Reason.BAD_TRUST_STATEMENT, what + ": a signature does not verify");
                }
                validSigners.put(
                        Fingerprint.ofSubjectPublicKeyInfo(holder.getSubjectPublicKeyInfo()),
                        new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (SignerException e) {
            throw e.reason() == Reason.BAD_TRUST_STATEMENT
                    ? e
                    : new SignerException(Reason.BAD_TRUST_STATEMENT, e.getMessage(), e);
        } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            throw new SignerException(Reason.BAD_TRUST_STATEMENT, what + ": not a readable trust statement", e);
        }
        if (!"1".equals(fields.get(MAGIC))) {
            throw new SignerException(
                    Reason.BAD_TRUST_STATEMENT, what + ": not a version 1 liveupdate trust statement");
        }
        String expectedSequence = Long.toString(trust.sequence() + 1);
        if (!expectedSequence.equals(fields.get("sequence"))) {
            throw new SignerException(
                    Reason.BAD_TRUST_STATEMENT,
                    what + ": statement for sequence " + fields.get("sequence") + ", the trust file expects "
                            + expectedSequence + " (replayed or out of order)");
        }
        String type = String.valueOf(fields.get("type"));
        switch (type) {
            case "rotate" -> {
                Fingerprint from = Fingerprint.parse(String.valueOf(fields.get("from")));
                Fingerprint to = Fingerprint.parse(String.valueOf(fields.get("to")));
                if (!from.equals(trust.anchor())) {
                    throw new SignerException(
                            Reason.BAD_TRUST_STATEMENT,
                            what + ": rotates from " + from.shortForm() + ", which is not the current anchor "
                                    + trust.anchor().shortForm());
                }
                if (to.equals(from)
                        || trust.revoked().contains(to)
                        || trust.retired().contains(to)) {
                    throw new SignerException(
                            Reason.BAD_TRUST_STATEMENT, what + ": cannot rotate to a current, retired or revoked key");
                }
                requireExactSigners(validSigners.keySet(), Set.of(from, to), what, "the old and the new key");
                List<Fingerprint> retired = new ArrayList<>(trust.retired());
                retired.add(from);
                return new TrustFile(trust.sequence() + 1, to, validSigners.get(to), retired, trust.revoked());
            }
            case "revoke" -> {
                Fingerprint anchor = Fingerprint.parse(String.valueOf(fields.get("anchor")));
                Fingerprint revoked = Fingerprint.parse(String.valueOf(fields.get("revoke")));
                if (!anchor.equals(trust.anchor())) {
                    throw new SignerException(
                            Reason.BAD_TRUST_STATEMENT,
                            what + ": made under anchor " + anchor.shortForm() + ", not the current anchor "
                                    + trust.anchor().shortForm());
                }
                if (revoked.equals(trust.anchor())) {
                    throw new SignerException(
                            Reason.BAD_TRUST_STATEMENT,
                            what + ": the current anchor cannot revoke itself; rotate to a new key first");
                }
                requireExactSigners(validSigners.keySet(), Set.of(anchor), what, "the anchor");
                Set<Fingerprint> all = new HashSet<>(trust.revoked());
                all.add(revoked);
                return new TrustFile(
                        trust.sequence() + 1, trust.anchor(), trust.anchorCertificate(), trust.retired(), all);
            }
            default -> throw new SignerException(Reason.BAD_TRUST_STATEMENT, what + ": unknown statement type " + type);
        }
    }

    private static void requireExactSigners(
            Set<Fingerprint> actual, Set<Fingerprint> required, String what, String who) {
        if (!actual.equals(required)) {
            throw new SignerException(
                    Reason.BAD_TRUST_STATEMENT,
                    what + ": must be signed by exactly " + who + " (" + required.size() + " signature"
                            + (required.size() == 1 ? "" : "s") + "), found " + actual.size()
                            + " valid matching signer(s)"
                            + (actual.containsAll(required) ? " plus others" : ""));
        }
    }
}
