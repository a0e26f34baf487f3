package io.rollcall.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What only a real server shows: errors raised before any controller (by Tomcat, the firewall, a
 * filter) are problem details too, the session cookie's flags, the limit on uploads received at
 * once, and the cap on the bytes of uploads a school keeps.
 */
@ActiveProfiles({"test", "h2"})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"rollcall.import.max-concurrent-uploads=1", "rollcall.import.max-stored-per-school=3KB"})
class RealServerTests extends ApiTestSupport {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The raw answer to raw request bytes, as a client that writes HTTP by hand would get it. */
    private String raw(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            var answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static void assertProblem(String body, String code) {
        assertThat((String) JsonPath.read(body, "$.code")).isEqualTo(code);
        assertThat((String) JsonPath.read(body, "$.detail")).isNotBlank();
    }

    @Test
    void aRequestLineTomcatCannotParseGetsAProblem() throws Exception {
        for (var line : new String[] {"GET /api/v1/imp orts HTTP/1.1", "GET /api/v1/imports{} HTTP/1.1", "GARBAGE"}) {
            var answer = raw(line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).as(line).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"code\":\"INVALID_REQUEST\"").doesNotContain("Tomcat").doesNotContain("<html");
        }
    }

    @Test
    void aQueryWithAnEmptyParameterNameIsABadRequest() throws Exception {
        var admin = admin(school(false));
        for (var path : new String[] {"/api/v1/imports?=x", "/api/v1/imports?=x&page=1"}) {
            var response = send(request(path).header("Authorization", "Bearer " + admin));

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertProblem(response.body(), "INVALID_REQUEST");
        }
    }

    @Test
    void aUrlTheFirewallRefusesGetsAProblem() throws Exception {
        var answer = raw("GET /api/v1/imports/..;/schools HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
            .contains("\"code\":\"INVALID_REQUEST\"");
    }

    @Test
    void anUnsupportedMethodSaysWhichAreAllowed() throws Exception {
        var admin = admin(school(false));

        var response = send(request("/api/v1/imports").header("Authorization", "Bearer " + admin)
            .method("PUT", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow ->
            assertThat(allow).contains("GET").contains("POST"));
        assertProblem(response.body(), "METHOD_NOT_ALLOWED");

        // Every path of the API: a problem detail, never Spring's default error JSON.
        for (var call : new String[][] {{"DELETE", "/api/v1/imports/x", "GET"}, {"GET", "/api/v1/tokens", "POST"},
                {"PUT", "/api/v1/schools/x/admins", "POST"}, {"POST", "/api/v1/audit", "GET"}}) {
            var refused = send(request(call[1]).header("Authorization", "Bearer " + operator)
                .method(call[0], HttpRequest.BodyPublishers.noBody()));

            assertThat(refused.statusCode()).as(call[0] + " " + call[1]).isEqualTo(405);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("Allow")).hasValue(call[2]);
            assertProblem(refused.body(), "METHOD_NOT_ALLOWED");
        }
    }

    @Test
    void anUnavailableResponseTypeIsNotAcceptable() throws Exception {
        var admin = admin(school(false));

        var response = send(request("/api/v1/schools").header("Authorization", "Bearer " + admin)
            .header("Accept", "application/xml"));

        assertThat(response.statusCode()).isEqualTo(406);
        assertProblem(response.body(), "NOT_ACCEPTABLE");
    }

    @Test
    void anUnsupportedBodyTypeIsAProblem() throws Exception {
        var response = send(request("/api/v1/schools").header("Authorization", "Bearer " + operator)
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("schoolId=x")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertProblem(response.body(), "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndSecureBehindHttps() throws Exception {
        var plain = send(request("/login"));
        var cookie = plain.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");

        var proxied = send(request("/login").header("X-Forwarded-Proto", "https"));
        assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly")
            .contains("SameSite=Lax").contains("Secure");
    }

    @Test
    void aPortalPostWithoutItsCsrfTokenIsForbidden() throws Exception {
        var login = send(request("/login"));
        var cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        var response = send(request("/set-password/new-link").header("Cookie", cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=x")));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    // An upload that sends half its body and waits: it holds the one place for an upload at once.
    private Socket holdTheOnlyUploadPlace(String token) throws Exception {
        var boundary = "held-open";
        var start = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n" + HEADER + "\r\n";
        var slow = new Socket("127.0.0.1", port);
        slow.getOutputStream().write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + token + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 100000"
            + "\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
        slow.getOutputStream().flush();
        Thread.sleep(500);
        return slow;
    }

    private record Browser(String cookie, String csrf) {
    }

    // Signs in through the login form over HTTP, as a browser does: the session cookie and the CSRF token
    // of the signed-in session's pages.
    private Browser signInOverHttp(String email, String password) throws Exception {
        var login = send(request("/login"));
        var cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var csrf = CSRF_FIELD.matcher(login.body());
        assertThat(csrf.find()).isTrue();
        var form = "email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
            + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        var signedIn = send(request("/login").header("Cookie", cookie)
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        cookie = signedIn.headers().firstValue("Set-Cookie").map(value -> value.split(";")[0]).orElse(cookie);
        var page = send(request("/setup/create-users").header("Cookie", cookie));
        assertThat(page.statusCode()).isEqualTo(200);
        var pageCsrf = CSRF_FIELD.matcher(page.body());
        assertThat(pageCsrf.find()).isTrue();
        return new Browser(cookie, pageCsrf.group(1));
    }

    @Test
    void aBrowserAskingForAPageThatDoesNotExistGetsTheErrorPageInItsLanguage() throws Exception {
        var browser = signInOverHttp(adminEmail(school(false)), ADMIN_PASSWORD);
        var english = send(request("/no-such-page").header("Cookie", browser.cookie()).header("Accept", "text/html"));
        var spanish = send(request("/no-such-page").header("Cookie", browser.cookie()).header("Accept", "text/html")
            .header("Accept-Language", "es"));

        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.body()).contains("<html lang=\"en\"", "There is no page at this address.");
        assertThat(spanish.statusCode()).isEqualTo(404);
        assertThat(spanish.body()).contains("<html lang=\"es\"", "No hay ninguna página en esta dirección.");
    }

    @Test
    void thePortalsUploadRefusedForTooManyAtOnceSpeaksThePagesLanguage() throws Exception {
        var school = school(false);
        var email = adminEmail(school);
        var browser = signInOverHttp(email, ADMIN_PASSWORD);
        try (var slow = holdTheOnlyUploadPlace(token(email, ADMIN_PASSWORD))) {
            var body = "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + browser.csrf()
                + "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv"
                + "\r\n\r\n" + HEADER + "\r\n--b--\r\n";

            var refused = send(request("/setup/create-users").header("Cookie", browser.cookie())
                .header("X-CSRF-TOKEN", browser.csrf()).header("Accept", "text/html").header("Accept-Language", "es")
                .header("Content-Type", "multipart/form-data; boundary=b").POST(HttpRequest.BodyPublishers.ofString(body)));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(refused.body()).contains("<html lang=\"es\"", "no se ha guardado nada de este")
                .doesNotContain("nothing of this one was stored").doesNotContain("no pudo mostrar");
        }
        assertThat((Integer) json(get("/api/v1/imports", admin(school))).read("$.total")).isZero();
    }

    @Test
    void anUploadBeyondTheLimitOfUploadsAtOnceIsRefusedAndStoresNothing() throws Exception {
        var school = school(false);
        var admin = admin(school);
        try (var slow = holdTheOnlyUploadPlace(admin)) {
            var refused = upload(admin, "second.csv", csv(HEADER, String.join(",", "Sec", "Ond",
                "second." + unique() + "@example.com", "0", "S1", school)));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            assertProblem(refused.body(), "TOO_MANY_UPLOADS");
        }
        assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isZero();
        Thread.sleep(500);
        var accepted = upload(admin, "third.csv", csv(HEADER, String.join(",", "Thi", "Rd",
            "third." + unique() + "@example.com", "0", "T1", school)));
        assertThat(accepted.statusCode()).isEqualTo(202);
    }

    @Test
    void aSchoolKeepsNoMoreUploadedBytesThanItsCap() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var padding = ",x".repeat(500);
        var first = upload(admin, "first.csv", csv(HEADER + padding.replace("x", "n"),
            String.join(",", "Fir", "St", "first." + unique() + "@example.com", "0", "F1", school) + padding));
        assertThat(first.statusCode()).isEqualTo(202);

        var refused = upload(admin, "second.csv", csv(HEADER + padding.replace("x", "n"),
            String.join(",", "Sec", "Ond", "second." + unique() + "@example.com", "0", "S1", school) + padding));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertProblem(refused.body(), "STORAGE_QUOTA_EXCEEDED");
        assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isEqualTo(1);
        // Another school is not held back by this one's uploads.
        var otherSchool = school(false);
        assertThat(upload(admin(otherSchool), "other.csv", csv(HEADER)).statusCode()).isEqualTo(202);

        String id = JsonPath.read(first.body(), "$.id");
        awaitEnd(admin, id);
        assertThat(call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .post("/api/v1/imports/" + id + "/purge"), operator).getResponse().getStatus()).isEqualTo(204);
        assertThat(upload(admin, "again.csv", csv(HEADER)).statusCode()).isEqualTo(202);
    }

    private HttpResponse<String> upload(String token, String fileName, String content) throws Exception {
        var boundary = "b" + unique();
        var body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
            + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return send(request("/api/v1/imports").header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
