package io.itops.shared.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Secrets Manager GetSecretValue, the one Secrets Manager operation the functions call. */
public final class SecretsClient {
    private final AwsJsonService service;

    public SecretsClient(AwsJsonService service) {
        this.service = service;
    }

    /** The secret's current string value; empty when no such secret exists. */
    public Optional<String> secretString(String secretId) {
        AwsHttp.Response answer = service.call("GetSecretValue", request(secretId));
        if (!answer.ok()) {
            AwsJsonService.Error error = AwsJsonService.Error.of(answer);
            if ("ResourceNotFoundException".equals(error.code())) {
                return Optional.empty();
            }
            throw error.toException("SecretsManager");
        }
        try {
            return Optional.ofNullable(AwsJson.scalars(answer.body()).get("SecretString"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] request(String secretId) {
        return AwsJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("SecretId", secretId);
            g.writeEndObject();
        });
    }
}
