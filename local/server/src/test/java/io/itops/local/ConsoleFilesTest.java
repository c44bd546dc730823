package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web/dist as CloudFront serves it: files where they are, index.html for page requests, nothing else. */
class ConsoleFilesTest {
    @TempDir
    Path root;

    private static final List<Map.Entry<String, String>> PAGE = List.of(Map.entry("Accept", "text/html,application/xhtml+xml"));
    private static final List<Map.Entry<String, String>> FETCH = List.of(Map.entry("accept", "application/json"));

    private ConsoleFiles built() throws Exception {
        Path dist = Files.createDirectories(root.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), "<div id=app></div>");
        Files.createDirectories(dist.resolve("static"));
        Files.writeString(dist.resolve("static/index-abc.js"), "console.log(1)");
        Files.writeString(root.resolve("secret.txt"), "not for the browser");
        return new ConsoleFiles(dist);
    }

    @Test
    void filesAreServedWithTheirTypeAndCaching_pagesGetIndexHtml() throws Exception {
        ConsoleFiles files = built();
        Gateway.Result js = files.serve("GET", "/static/index-abc.js", FETCH).orElseThrow();
        assertEquals("text/javascript; charset=utf-8", js.header("content-type"));
        assertEquals("public, max-age=31536000, immutable", js.header("cache-control"));
        assertEquals("nosniff", js.header("x-content-type-options"));
        Gateway.Result page = files.serve("GET", "/asset/01ARZ3NDEKTSV4RRFFQ69G5FAV", PAGE).orElseThrow();
        assertEquals("<div id=app></div>", new String(page.body(), StandardCharsets.UTF_8));
        assertEquals("no-cache", page.header("cache-control"));
        assertTrue(page.header("content-security-policy").contains("frame-ancestors 'none'"));
        assertEquals(200, files.serve("HEAD", "/", PAGE).orElseThrow().status());
    }

    @Test
    void nonPageRequests_otherMethods_pathsOutsideDist_andAMissingBuild_areLeftToTheGateway() throws Exception {
        ConsoleFiles files = built();
        assertTrue(files.serve("GET", "/training", FETCH).isEmpty(), "a fetch for a missing file gets the gateway's JSON 404");
        assertTrue(files.serve("POST", "/training", PAGE).isEmpty());
        assertTrue(files.serve("GET", "/../secret.txt", FETCH).isEmpty());
        assertTrue(files.serve("GET", "/%2e%2e/secret.txt", FETCH).isEmpty());
        assertTrue(files.serve("GET", "/%00", FETCH).isEmpty(), "a name no file can have is the gateway's too");
        assertEquals("<div id=app></div>", new String(files.serve("GET", "/a%00b", PAGE).orElseThrow().body(), StandardCharsets.UTF_8));
        assertTrue(new ConsoleFiles(root.resolve("nothing")).serve("GET", "/", PAGE).isEmpty());
    }
}
