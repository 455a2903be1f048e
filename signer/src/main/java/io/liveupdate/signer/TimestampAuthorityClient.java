package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 client: asks a time-stamping authority over HTTP for a token over a signature value, with a SHA-256
 * message imprint (never SHA-1, unlike some sample code; signing.md §2 and §6).
 */
public final class TimestampAuthorityClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI url;

    public TimestampAuthorityClient(URI url) {
        this.url = url;
    }

    /** Returns a validated token whose imprint is SHA-256 of {@code signatureValue}. */
    public TimeStampToken timestamp(byte[] signatureValue) {
        byte[] imprint;
        try {
            imprint = MessageDigest.getInstance("SHA-256").digest(signatureValue);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        BigInteger nonce = new BigInteger(63, new SecureRandom());
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, imprint, nonce);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpRequest http = HttpRequest.newBuilder(url)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                    .build();
            HttpResponse<byte[]> answer = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new SignerException(
                        Reason.TIMESTAMP_AUTHORITY_FAILED,
                        url + ": time-stamping authority answered HTTP " + answer.statusCode());
            }
            TimeStampResponse response = new TimeStampResponse(answer.body());
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw new SignerException(
                        Reason.TIMESTAMP_AUTHORITY_FAILED,
                        url + ": time-stamping authority refused: " + response.getStatusString());
            }
            return token;
        } catch (IOException e) {
            throw new SignerException(
                    Reason.TIMESTAMP_AUTHORITY_FAILED, url + ": time-stamping authority unreachable: " + e, e);
        } catch (TSPException e) {
            throw new SignerException(
                    Reason.TIMESTAMP_AUTHORITY_FAILED, url + ": invalid time-stamp response: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignerException(Reason.TIMESTAMP_AUTHORITY_FAILED, url + ": interrupted", e);
        }
    }
}
