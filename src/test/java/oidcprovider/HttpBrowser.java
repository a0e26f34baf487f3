package oidcprovider;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen for the sign-in round trip over real HTTP: it keeps cookies per host
 * and follows redirects, so it goes from Rollcall to the provider's form and back as a browser does.
 */
public final class HttpBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    private final String rollcall;

    /** @param rollcall where Rollcall is, {@code http://127.0.0.1:port} */
    public HttpBrowser(String rollcall) {
        this.rollcall = rollcall;
    }

    /** Opens a page: a Rollcall path, or a whole URL. */
    public HttpResponse<String> open(String pathOrUrl) throws IOException, InterruptedException {
        var uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : rollcall + pathOrUrl);
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a form as a browser does. */
    public HttpResponse<String> submit(String pathOrUrl, Map<String, String> fields)
            throws IOException, InterruptedException {
        var uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : rollcall + pathOrUrl);
        var body = fields.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Clicks the provider's button on Rollcall's login page and signs in at the provider as that
     * person; returns the Rollcall page where the round trip ends.
     */
    public HttpResponse<String> signInWith(String registrationId, String username)
            throws IOException, InterruptedException {
        var form = open("/oauth2/authorization/" + registrationId);
        if (!form.uri().getPath().equals("/login") || form.uri().getHost().equals(URI.create(rollcall).getHost())) {
            throw new AssertionError("expected the provider's sign-in form, got " + form.uri() + ":\n" + form.body());
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("username", username);
        fields.put("password", TestOidcProvider.PASSWORD);
        fields.put("_csrf", csrf(form.body()));
        return submit(form.uri().toString(), fields);
    }

    /** The CSRF token of the page's form. */
    public static String csrf(String page) {
        var field = CSRF.matcher(page);
        if (!field.find()) {
            throw new AssertionError("no CSRF field on the page:\n" + page);
        }
        return field.group(1);
    }
}
