package io.liveupdate.signer;

import java.net.URI;
import java.time.Instant;

/**
 * How to sign.
 *
 * @param rsaPss sign RSA keys with RSASSA-PSS instead of PKCS#1 v1.5 (randomised, so not reproducible)
 * @param signingTime a CMS signing-time attribute to include, or null for none (the default keeps signatures of the
 *     same input reproducible)
 * @param timestampAuthority an RFC 3161 time-stamping authority to countersign with, or null
 * @param replaceSignatures drop a jar's existing JAR signatures by other signers (by default they are kept, as
 *     jarsigner keeps them)
 * @param limits caps on the input read
 */
public record SignOptions(
        boolean rsaPss, Instant signingTime, URI timestampAuthority, boolean replaceSignatures, SignerLimits limits) {
    public SignOptions {
        java.util.Objects.requireNonNull(limits, "limits");
        if (timestampAuthority != null
                && (!"http".equalsIgnoreCase(timestampAuthority.getScheme())
                                && !"https".equalsIgnoreCase(timestampAuthority.getScheme())
                        || timestampAuthority.getHost() == null)) {
            throw new SignerException(
                    SignerException.Reason.BAD_INPUT,
                    "time-stamping authority '" + timestampAuthority + "' is not an http or https URL");
        }
    }

    public SignOptions(boolean rsaPss, Instant signingTime, URI timestampAuthority) {
        this(rsaPss, signingTime, timestampAuthority, false, SignerLimits.DEFAULTS);
    }

    public static SignOptions defaults() {
        return new SignOptions(false, null, null);
    }

    public SignOptions withReplaceSignatures(boolean replace) {
        return new SignOptions(rsaPss, signingTime, timestampAuthority, replace, limits);
    }

    public SignOptions withLimits(SignerLimits newLimits) {
        return new SignOptions(rsaPss, signingTime, timestampAuthority, replaceSignatures, newLimits);
    }
}
