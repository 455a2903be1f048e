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
 */
public record SignOptions(boolean rsaPss, Instant signingTime, URI timestampAuthority) {
    public static SignOptions defaults() {
        return new SignOptions(false, null, null);
    }
}
