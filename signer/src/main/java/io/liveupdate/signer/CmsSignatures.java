package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Detached CMS SignedData (RFC 5652), used for the whole-file {@code .p7s} and for the signature block of a jar. The
 * signed attributes are contentType and messageDigest only; signing-time is added only on request, so that Ed25519 and
 * RFC 6979 ECDSA signatures of the same input are byte-identical. Ed25519 uses SHA-512 as the CMS digest (RFC 8419
 * §3.1).
 */
public final class CmsSignatures {
    private CmsSignatures() {}

    /** What a verified CMS signature says. */
    public record VerifiedSigner(Fingerprint key, String signatureAlgorithm, Instant timestamp) {}

    /** Signs {@code content} and returns the DER-encoded, detached SignedData. */
    public static byte[] signDetached(SigningKey key, CMSTypedData content, SignOptions options) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                            .setProvider(SignatureAlgorithms.BC)
                            .build())
                    .setSignedAttributeGenerator(signedAttributes(options.signingTime()))
                    .build(key.contentSigner(options.rsaPss()), key.certificate()));
            generator.addCertificates(new JcaCertStore(key.chain()));
            CMSSignedData signed = generator.generate(content, false);
            if (options.timestampAuthority() != null) {
                signed = addTimestamp(signed, new TimestampAuthorityClient(options.timestampAuthority()));
            }
            return signed.getEncoded("DER");
        } catch (CMSException | OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new SignerException(Reason.BAD_INPUT, "cannot create the CMS signature: " + e.getMessage(), e);
        }
    }

    private static CMSAttributeTableGenerator signedAttributes(Instant signingTime) {
        return parameters -> {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            ASN1ObjectIdentifier type = (ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE);
            attributes.add(new Attribute(
                    CMSAttributes.contentType, new DERSet(type == null ? PKCSObjectIdentifiers.data : type)));
            attributes.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString((byte[])
                    parameters.get(CMSAttributeTableGenerator.DIGEST)))));
            if (signingTime != null) {
                attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
            }
            return new AttributeTable(attributes);
        };
    }

    /**
     * Adds an RFC 3161 token over each signature value as the unsigned attribute id-aa-signatureTimeStampToken
     * (RFC 3161 appendix A), as jarsigner does.
     */
    static CMSSignedData addTimestamp(CMSSignedData signed, TimestampAuthorityClient tsa) {
        List<SignerInformation> stamped = new ArrayList<>();
        for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
            TimeStampToken token = tsa.timestamp(signer.getSignature());
            try {
                Attribute attribute = new Attribute(
                        PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        new DERSet(token.toCMSSignedData().toASN1Structure()));
                stamped.add(SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attribute)));
            } catch (RuntimeException e) {
                throw new SignerException(Reason.TIMESTAMP_AUTHORITY_FAILED, "unusable time-stamp token", e);
            }
        }
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
    }

    /**
     * Verifies a detached SignedData over {@code content}: every signer must verify, use accepted algorithms and be
     * the trusted anchor, and any time-stamp token must match its signature.
     *
     * @param what the signature's name for messages, e.g. {@code app.jar.p7s}
     */
    public static List<VerifiedSigner> verifyDetached(
            CMSTypedData content, byte[] signature, TrustPolicy trust, String what) {
        return verify(content, signature, java.util.Objects.requireNonNull(trust, "trust"), what);
    }

    /**
     * Verifies a detached SignedData over {@code content} whoever signed it: every signer must verify and use accepted
     * algorithms. Which signers to trust is the caller's decision (a jar may carry other signers' signatures besides
     * the anchor's).
     */
    static List<VerifiedSigner> verifyDetachedAnySigner(CMSTypedData content, byte[] signature, String what) {
        return verify(content, signature, null, what);
    }

    private static List<VerifiedSigner> verify(CMSTypedData content, byte[] signature, TrustPolicy trust, String what) {
        CMSSignedData signed;
        try {
            // The given content replaces any encapsulated one: what is verified is exactly the file on disk.
            signed = new CMSSignedData(content, signature);
        } catch (CMSException | RuntimeException e) {
            throw new SignerException(Reason.CORRUPT, what + ": not a readable CMS signature", e);
        }
        Collection<SignerInformation> signers;
        org.bouncycastle.util.Store<X509CertificateHolder> certificates;
        try {
            // Bouncy Castle parses lazily: a damaged structure can surface here as an unchecked exception.
            signers = signed.getSignerInfos().getSigners();
            certificates = signed.getCertificates();
            for (SignerInformation signer : signers) {
                certificates.getMatches(signer.getSID());
                signer.getSignedAttributes();
                signer.getUnsignedAttributes();
            }
        } catch (RuntimeException e) {
            throw new SignerException(Reason.CORRUPT, what + ": damaged CMS signature (" + e.getMessage() + ")", e);
        }
        if (signers.isEmpty()) {
            throw new SignerException(Reason.MISSING_SIGNATURE, what + ": holds no signer");
        }
        List<VerifiedSigner> result = new ArrayList<>();
        for (SignerInformation signer : signers) {
            Collection<X509CertificateHolder> matches = certificates.getMatches(signer.getSID());
            if (matches.isEmpty()) {
                throw new SignerException(Reason.WRONG_SIGNER, what + ": the signer's certificate is not included");
            }
            X509CertificateHolder certificate = matches.iterator().next();
            Fingerprint key = Fingerprint.ofSubjectPublicKeyInfo(certificate.getSubjectPublicKeyInfo());
            SignatureAlgorithms.requireStrongDigest(signer.getDigestAlgorithmID(), what);
            SignatureAlgorithms.requireStrongSignature(
                    signer.toASN1Structure().getDigestEncryptionAlgorithm(),
                    certificate.getSubjectPublicKeyInfo(),
                    what);
            if (trust != null) {
                trust.requireTrusted(key, what);
            }
            boolean valid;
            try {
                valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(SignatureAlgorithms.BC)
                        .build(certificate));
            } catch (CMSException
                    | OperatorCreationException
                    | java.security.cert.CertificateException
                    | RuntimeException e) {
                throw new SignerException(
                        Reason.BAD_SIGNATURE, what + ": signature does not verify (" + e.getMessage() + ")", e);
            }
            if (!valid) {
                throw new SignerException(Reason.BAD_SIGNATURE, what + ": signature does not verify");
            }
            result.add(new VerifiedSigner(key, signer.getEncryptionAlgOID(), verifyTimestamp(signer, what)));
        }
        return result;
    }

    /**
     * Checks an RFC 3161 token, if present: its imprint must be a strong hash of this signature value and its own
     * signature must verify with the certificate it carries. The TSA itself is not pinned (docs/security.md).
     */
    static Instant verifyTimestamp(SignerInformation signer, String what) {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        if (unsigned == null) {
            return null;
        }
        Attribute attribute = unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            return null;
        }
        try {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(
                    attribute.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded("DER")));
            var info = token.getTimeStampInfo();
            SignatureAlgorithms.requireStrongDigest(info.getHashAlgorithm(), what + " time-stamp");
            String digestName =
                    SignatureAlgorithms.digestName(info.getHashAlgorithm().getAlgorithm());
            byte[] expected = MessageDigest.getInstance(digestName).digest(signer.getSignature());
            if (!Arrays.equals(expected, info.getMessageImprintDigest())) {
                throw new SignerException(Reason.BAD_TIMESTAMP, what + ": the time-stamp is not over this signature");
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> tsa = token.getCertificates().getMatches(token.getSID());
            if (tsa.isEmpty()) {
                throw new SignerException(Reason.BAD_TIMESTAMP, what + ": the time-stamp carries no TSA certificate");
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(SignatureAlgorithms.BC)
                    .build(tsa.iterator().next()));
            return info.getGenTime().toInstant();
        } catch (SignerException e) {
            throw e;
        } catch (TSPException
                | CMSException
                | IOException
                | NoSuchAlgorithmException
                | OperatorCreationException
                | java.security.cert.CertificateException
                | RuntimeException e) {
            throw new SignerException(Reason.BAD_TIMESTAMP, what + ": invalid time-stamp (" + e.getMessage() + ")", e);
        }
    }
}
