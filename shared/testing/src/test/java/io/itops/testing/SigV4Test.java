package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.shared.aws.AwsCredentials;
import io.itops.shared.aws.SigV4;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The functions' SigV4 signer against AWS's published test vector and against the SDK's own signer. */
class SigV4Test {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void matchesTheSignatureV4TestSuitesPostVanilla() {
        Map<String, String> headers = SigV4.sign(URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0], "service",
                "us-east-1", new AwsCredentials(KEY, SECRET, null, null), Instant.parse("2015-08-30T12:36:00Z"));

        assertEquals("20150830T123600Z", headers.get("X-Amz-Date"));
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", headers.get("Authorization"));
    }

    @Property(tries = 200)
    void signsJsonProtocolCallsExactlyAsTheSdkDoes(@ForAll @StringLength(max = 300) String body, @ForAll @AlphaChars @StringLength(min = 3, max = 20) String operation,
            @ForAll("regions") String region, @ForAll boolean withSessionToken, @ForAll @IntRange(min = 0, max = 2_000_000_000) int epochSecond,
            @ForAll boolean localEndpoint) {
        URI uri = URI.create(localEndpoint ? "http://localhost:4566/" : "https://dynamodb." + region + ".amazonaws.com/");
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(epochSecond);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("X-Amz-Target", "DynamoDB_20120810." + operation);
        // the SDK's signer always adds the payload hash header; ours lets the caller choose, so sign the same set
        headers.put("x-amz-content-sha256", java.util.HexFormat.of().formatHex(sha256(payload)));
        AwsCredentials credentials = new AwsCredentials(KEY, SECRET, withSessionToken ? "session/token+value=" : null, null);

        Map<String, String> ours = SigV4.sign(uri, headers, payload, "dynamodb", region, credentials, now);

        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = withSessionToken ? AwsSessionCredentialsIdentity.create(KEY, SECRET, "session/token+value=")
                : AwsCredentialsIdentity.create(KEY, SECRET);
        SignedRequest sdk = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request.build())
                .payload(() -> new java.io.ByteArrayInputStream(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)));

        assertEquals(sdk.request().firstMatchingHeader("Authorization").orElseThrow(), ours.get("Authorization"));
        assertEquals(sdk.request().firstMatchingHeader("X-Amz-Date").orElseThrow(), ours.get("X-Amz-Date"));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> regions() {
        return net.jqwik.api.Arbitraries.of("us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1");
    }
}
