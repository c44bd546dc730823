package io.itops.shared.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Secrets Manager GetSecretValue, the one Secrets Manager operation the functions call. */
public final class SecretsClient {
    private static final JsonFactory JSON = new JsonFactory();
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
        try (JsonParser p = JSON.createParser(answer.body())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("SecretString".equals(name)) {
                    return Optional.of(p.getText());
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] request(String secretId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("SecretId", secretId);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
