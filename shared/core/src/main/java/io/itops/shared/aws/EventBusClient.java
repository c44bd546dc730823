package io.itops.shared.aws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** EventBridge PutEvents, the one EventBridge operation the functions call. */
public final class EventBusClient {
    private final AwsJsonService service;

    public EventBusClient(AwsJsonService service) {
        this.service = service;
    }

    public record Entry(String eventBusName, String source, String detailType, String detail, Instant time) {}

    /** Per entry, in order: null when accepted, else EventBridge's error code for it. */
    public List<String> putEvents(List<Entry> entries) {
        AwsHttp.Response answer = service.call("PutEvents", request(entries));
        if (!answer.ok()) {
            throw AwsJsonService.Error.of(answer).toException("EventBridge");
        }
        return errorCodes(answer.body(), entries.size());
    }

    private static byte[] request(List<Entry> entries) {
        return AwsJson.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Entries");
            for (Entry e : entries) {
                g.writeStartObject();
                g.writeStringField("EventBusName", e.eventBusName());
                g.writeStringField("Source", e.source());
                g.writeStringField("DetailType", e.detailType());
                g.writeStringField("Detail", e.detail());
                if (e.time() != null) {
                    g.writeNumberField("Time", e.time().getEpochSecond());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static List<String> errorCodes(byte[] body, int sent) {
        List<String> codes = new ArrayList<>();
        try (JsonParser p = AwsJson.FACTORY.createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!"Entries".equals(name)) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String code = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if ("ErrorCode".equals(field)) {
                            code = p.getText();
                        }
                        p.skipChildren();
                    }
                    codes.add(code);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (codes.size() < sent) {
            codes.add("NoResult");
        }
        return codes;
    }
}
