package io.itops.shared.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a signed AWS request goes over the wire. The production transport is the JDK's
 * {@link HttpURLConnection} (keep-alive pooling, TLS only when the endpoint is https, nothing built
 * at start); tests wrap it to inject faults such as throttling.
 */
@FunctionalInterface
public interface AwsHttp {
    Response send(Request request) throws IOException;

    record Request(URI uri, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** Header names are lower-case. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** POSTs with bounded connect and read timeouts, so a call fails well before the Lambda timeout. */
    static AwsHttp urlConnection(Duration connectTimeout, Duration readTimeout) {
        return request -> {
            HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
            try {
                connection.setRequestMethod("POST");
                connection.setConnectTimeout((int) connectTimeout.toMillis());
                connection.setReadTimeout((int) readTimeout.toMillis());
                connection.setUseCaches(false);
                connection.setDoOutput(true);
                request.headers().forEach(connection::setRequestProperty);
                connection.setFixedLengthStreamingMode(request.body().length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request.body());
                }
                int status = connection.getResponseCode();
                Map<String, String> headers = new TreeMap<>();
                connection.getHeaderFields().forEach((name, values) -> {
                    if (name != null && !values.isEmpty()) headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
                });
                try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                    return new Response(status, headers, in == null ? new byte[0] : in.readAllBytes());
                }
            } catch (IOException e) {
                connection.disconnect();
                throw e;
            }
        };
    }
}
