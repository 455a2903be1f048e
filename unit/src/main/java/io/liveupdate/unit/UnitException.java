package io.liveupdate.unit;

import io.liveupdate.signer.SignerException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception the unit library throws. Its message is one line naming the unit (or input) and what is wrong; its
 * reason says whether a unit was refused (a verdict: the caller must not apply it) or the request itself was bad.
 */
public final class UnitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a unit was refused or could not be made. */
    public enum Reason {
        /** The unit's signatures do not verify against the pinned anchor ({@link #signerReason()} says how). */
        SIGNATURE(true),
        /** The unit is not a well-formed zip, or its entries are unsafe, duplicated, too many or too large. */
        CORRUPT_UNIT(true),
        /** The unit has no {@code META-INF/liveupdate/update.json}. */
        DESCRIPTOR_MISSING(true),
        /** The descriptor is not the unit's first entry after the JAR-signature files. */
        DESCRIPTOR_NOT_FIRST(true),
        /** The descriptor is not valid JSON, or its keys and types are not the schema's. */
        BAD_DESCRIPTOR(true),
        /** The descriptor's format version is not one this library reads. */
        UNSUPPORTED_FORMAT(true),
        /** The descriptor's id is not the SHA-256 of its canonical content. */
        ID_MISMATCH(true),
        /** A class entry's bytes are not the ones the descriptor records, or an entry is missing or unlisted. */
        HASH_MISMATCH(true),
        /** The unit's expiry has passed. */
        EXPIRED(true),
        /** The unit's sequence is not above the last one applied (a replay or a rollback). */
        SEQUENCE_NOT_NEWER(true),
        /** The running classes are not the unit's base. */
        BASE_MISMATCH(true),
        /** The unit's level is above what the caller allows. */
        LEVEL_TOO_HIGH(true),
        /** The unit was made for a redefinition profile the caller's JVM does not offer. */
        PROFILE_NOT_ALLOWED(true),
        /** The state directory of applied units is unreadable or malformed. */
        STATE_CORRUPT(true),
        /** The state directory given does not exist (a wiped record must not look like a fresh install). */
        STATE_MISSING(true),
        /** Base and target have the same class files: there is nothing to put in a unit. */
        NOTHING_TO_UPDATE(true),
        /** An input (unit, class directory, jar) does not exist or cannot be read. */
        INPUT_NOT_FOUND(false),
        /** A request was invalid: an option out of range, inputs that contradict each other. */
        BAD_INPUT(false),
        /** An output could not be written. */
        OUTPUT_FAILED(false);

        private final boolean verdict;

        Reason(boolean verdict) {
            this.verdict = verdict;
        }

        /** True for a refusal of a unit (exit 1 in the CLI), false for a bad request (exit 2). */
        public boolean isVerdict() {
            return verdict;
        }
    }

    private final Reason reason;

    public UnitException(Reason reason, String message) {
        this(reason, message, null);
    }

    public UnitException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#SIGNATURE}: the signer's reason (WRONG_SIGNER, BAD_SIGNATURE, MISSING_SIGNATURE, ...). */
    public Optional<SignerException.Reason> signerReason() {
        return getCause() instanceof SignerException s ? Optional.of(s.reason()) : Optional.empty();
    }

    /** The reason code a front end prints: the signer's reason for a signature refusal, else this reason. */
    public String code() {
        return signerReason().map(Enum::name).orElse(reason.name());
    }
}
