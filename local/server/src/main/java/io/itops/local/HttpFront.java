package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The socket side: HTTP/1.1 on a plain socket, one readable line per request on the terminal, the
 * gateway for API routes, and the dev server's own endpoints under {@code /_local/} and
 * {@code /.well-known/} (which API Gateway would not have; no API route starts with them), and the web
 * console's built files for paths no API route knows ({@link ConsoleFiles}, CloudFront's part on AWS).
 * It reads requests itself because the JDK's HTTP server refuses request targets that API Gateway
 * takes (raw {@code "}, {@code {}, {@code }}) with an HTML page, before any handler runs; here every
 * answer is JSON, API Gateway's {@code {"message": ...}} for what it refuses.
 */
final class HttpFront implements AutoCloseable {
    /** API Gateway's HTTP API payload limit. */
    static final int MAX_BODY = 10 * 1024 * 1024;
    /** Request line and headers together (API Gateway allows 10 KB of headers; this is generous). */
    static final int MAX_HEAD = 64 * 1024;
    private static final int IDLE_MILLIS = 30_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final ServerSocket listener;
    private final ExecutorService executor;
    private final PrintStream console;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Gateway gateway;
    private volatile Admin admin;
    private volatile ConsoleFiles consoleFiles;
    private volatile boolean closed;

    /** The dev server's own endpoints. */
    interface Admin {
        Gateway.Result handle(String method, String path, String query, List<Map.Entry<String, String>> headers, byte[] body);
    }

    /** A request the front refuses before routing: API Gateway's status and message. */
    private static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private record Request(String method, String rawPath, String rawQuery, String protocol,
                           List<Map.Entry<String, String>> headers, byte[] body, boolean keepAlive) {}

    HttpFront(String host, int port, PrintStream console) throws IOException {
        this.console = console;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "itops-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(host, port), 128);
    }

    int port() {
        return listener.getLocalPort();
    }

    void start(Gateway gateway, Admin admin) {
        start(gateway, admin, null);
    }

    /** As {@link #start(Gateway, Admin)}, also serving the web console's files for paths no API route knows. */
    void start(Gateway gateway, Admin admin, ConsoleFiles consoleFiles) {
        this.gateway = gateway;
        this.admin = admin;
        this.consoleFiles = consoleFiles;
        Thread acceptor = new Thread(this::acceptLoop, "itops-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                executor.execute(() -> connection(socket));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** One connection: requests one after another while the client keeps it alive. */
    private void connection(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            String remote = socket.getInetAddress() == null ? "127.0.0.1" : socket.getInetAddress().getHostAddress();
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                long started;
                Request request;
                Gateway.Result result;
                try {
                    String line = readLine(in, MAX_HEAD, true);
                    if (line == null) {
                        return;
                    }
                    started = System.nanoTime();
                    request = read(line, in, out);
                } catch (Refused refused) {
                    // what API Gateway refuses before routing; the connection's framing is unknown now, so it ends
                    result = Gateway.gatewayError(refused.status, refused.getMessage(), Gateway.requestId(), null, null, null, List.of());
                    write(out, "GET", result, false);
                    return;
                }
                result = dispatch(request, remote);
                keepAlive = request.keepAlive();
                try {
                    write(out, request.method(), result, keepAlive);
                } finally {
                    if (!request.rawPath().startsWith("/.well-known/")) {
                        log(request.method(), request.rawPath(), request.rawQuery(), result, (System.nanoTime() - started) / 1_000_000);
                    }
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // idle keep-alive connection, or the client went away
        } catch (IOException e) {
            // the client went away mid-request
        } finally {
            open.remove(socket);
        }
    }

    private Gateway.Result dispatch(Request request, String remote) {
        try {
            if (request.rawPath().startsWith("/_local/") || request.rawPath().startsWith("/.well-known/")) {
                return admin.handle(request.method(), request.rawPath(), request.rawQuery(), request.headers(), request.body());
            }
            ConsoleFiles files = consoleFiles;
            if (files != null && !gateway.routes().knowsPath(request.rawPath())) {
                var page = files.serve(request.method(), request.rawPath(), request.headers());
                if (page.isPresent()) {
                    return page.get();
                }
            }
            return gateway.handle(new Gateway.Call(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                    request.body(), remote, request.protocol()));
        } catch (RuntimeException e) {
            return Gateway.gatewayError(500, "Internal Server Error", Gateway.requestId(), null, null, "dev server: " + e, List.of());
        }
    }

    /** Reads the rest of a request after its request line (RFC 9112: request line, fields, body by length or chunks). */
    private static Request read(String requestLine, InputStream in, OutputStream out) throws IOException, Refused {
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new Refused(400, "Bad Request");
        }
        String method = parts[0];
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                throw new Refused(400, "Bad Request");
            }
        }
        String protocol = parts[2];
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            throw new Refused(protocol.startsWith("HTTP/") ? 505 : 400, protocol.startsWith("HTTP/") ? "HTTP Version Not Supported" : "Bad Request");
        }
        String target = parts[1];
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        if (!target.startsWith("/")) {
            throw new Refused(400, "Bad Request");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new Refused(400, "Bad Request");
            }
        }
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);

        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int headBytes = requestLine.length();
        String contentLength = null;
        boolean chunked = false;
        boolean expectContinue = false;
        String connection = "";
        while (true) {
            String line = readLine(in, MAX_HEAD - headBytes, false);
            if (line == null) {
                throw new IOException("end of stream in the header section");
            }
            if (line.isEmpty()) {
                break;
            }
            headBytes += line.length() + 2;
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.substring(0, colon).contains(" ")) {
                throw new Refused(400, "Bad Request");
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            headers.add(Map.entry(name, value));
            switch (name.toLowerCase(Locale.ROOT)) {
                case "content-length" -> {
                    if (contentLength != null && !contentLength.equals(value)) {
                        throw new Refused(400, "Bad Request");
                    }
                    contentLength = value;
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                default -> { }
            }
        }
        boolean keepAlive = protocol.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        long length = 0;
        if (!chunked && contentLength != null) {
            try {
                length = Long.parseLong(contentLength);
            } catch (NumberFormatException e) {
                throw new Refused(400, "Bad Request");
            }
            if (length < 0) {
                throw new Refused(400, "Bad Request");
            }
            if (length > MAX_BODY) {
                throw new Refused(413, "Request Entity Too Large");
            }
        }
        if (expectContinue && (chunked || length > 0)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = chunked ? readChunked(in) : in.readNBytes((int) length);
        if (body.length < length) {
            throw new IOException("end of stream in the body");
        }
        return new Request(method.toUpperCase(Locale.ROOT), rawPath, rawQuery, protocol, headers, body, keepAlive);
    }

    private static byte[] readChunked(InputStream in) throws IOException, Refused {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, 1024, false);
            if (sizeLine == null) {
                throw new IOException("end of stream in a chunk");
            }
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new Refused(400, "Bad Request");
            }
            if (size < 0) {
                throw new Refused(400, "Bad Request");
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in, MAX_HEAD, false);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            if (body.size() + (long) size > MAX_BODY) {
                throw new Refused(413, "Request Entity Too Large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("end of stream in a chunk");
            }
            body.write(chunk);
            readLine(in, 2, false);
        }
    }

    /** One CRLF- (or LF-) terminated line as UTF-8; null at end of stream before any byte. */
    private static String readLine(InputStream in, int max, boolean skipLeadingEmpty) throws IOException, Refused {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new IOException("end of stream in a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                if (n == 0 && skipLeadingEmpty) {
                    line.reset();
                    continue;
                }
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
            if (line.size() > max) {
                throw new Refused(431, "Request Header Fields Too Large");
            }
        }
    }

    private static void write(OutputStream out, String method, Gateway.Result result, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(result.status()).append(' ').append(reason(result.status())).append("\r\n");
        for (Map.Entry<String, String> header : result.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("transfer-encoding") || name.equals("connection")) {
                continue;
            }
            head.append(header.getKey()).append(": ").append(header.getValue().replace('\r', ' ').replace('\n', ' ')).append("\r\n");
        }
        head.append("date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC))).append("\r\n");
        boolean noContent = result.status() == 204 || result.status() == 304 || result.status() < 200;
        if (!noContent) {
            head.append("content-length: ").append(result.body().length).append("\r\n");
        }
        if (!keepAlive) {
            head.append("connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (!noContent && !method.equals("HEAD")) {
            out.write(result.body());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    private void log(String method, String rawPath, String rawQuery, Gateway.Result result, long millis) {
        String target = rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        if (target.length() > 60) {
            target = target.substring(0, 59) + "…";
        }
        StringBuilder line = new StringBuilder();
        line.append(String.format("%s %-6s %-60s %3d %5d ms", LocalTime.now().format(CLOCK), method, target, result.status(), millis));
        if (result.function() != null) {
            line.append("  ").append(result.function());
        }
        if (result.routeKey() != null && !result.routeKey().equals(method + " " + rawPath)) {
            line.append("  (").append(result.routeKey()).append(')');
        }
        if (result.note() != null) {
            line.append("  - ").append(result.note());
        }
        console.println(line);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ helpers for the admin endpoints

    static Gateway.Result json(int status, Object body) {
        byte[] bytes = LocalJson.pretty(body).concat("\n").getBytes(StandardCharsets.UTF_8);
        return new Gateway.Result(status, List.of(Map.entry("content-type", "application/json")), bytes, null, null, null);
    }

    static Gateway.Result error(int status, String message) {
        ObjectNode body = LocalJson.object();
        body.put("message", message);
        return json(status, body);
    }

    static ArrayNode array(List<?> items) {
        ArrayNode array = LocalJson.array();
        items.forEach(item -> array.add(item instanceof JsonNode node ? node : LocalJson.tree(item)));
        return array;
    }

    static String age(Instant instant) {
        return Duration.between(Instant.now(), instant).toString();
    }
}
