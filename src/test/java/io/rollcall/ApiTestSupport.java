package io.rollcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Drives Rollcall through its HTTP API, as an integrator would: tokens, schools, admins, uploads,
 * reports. Every test makes its own schools and people, so tests share a database safely.
 */
@SpringBootTest
@ActiveProfiles("test")
public abstract class ApiTestSupport {

    public static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID";
    public static final String OPERATOR_EMAIL = "operator@rollcall.example.com";
    public static final String OPERATOR_PASSWORD = "operator-password-1";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    @Autowired
    protected WebApplicationContext context;

    protected MockMvc mvc;
    protected String operator;

    private static DescribedAnswers described;

    @BeforeEach
    protected void setUpClient() throws Exception {
        mvc = MockMvcBuilders.webAppContextSetup(context)
            .apply(SecurityMockMvcConfigurers.springSecurity()).alwaysDo(described()).build();
        operator = token(OPERATOR_EMAIL, OPERATOR_PASSWORD);
    }

    /** The served description, read once: every answer of these suites is checked against it. */
    private DescribedAnswers described() throws Exception {
        if (described == null) {
            var docs = MockMvcBuilders.webAppContextSetup(context).build()
                .perform(MockMvcRequestBuilders.get("/v3/api-docs")).andReturn().getResponse();
            assertThat(docs.getStatus()).as("GET /v3/api-docs").isEqualTo(200);
            described = new DescribedAnswers(docs.getContentAsString(StandardCharsets.UTF_8));
        }
        return described;
    }

    /** A fresh, unique suffix for ids and emails. */
    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected MvcResult tokenRequest(String email, String password) throws Exception {
        return mvc.perform(post("/api/v1/tokens").header("Authorization", basic(email, password))).andReturn();
    }

    /**
     * A token request from an address of its own: for attempts a test expects to fail, which would
     * otherwise add up, across the tests sharing 127.0.0.1, to the per-address lockout.
     */
    protected MvcResult tokenRequestFromElsewhere(String email, String password) throws Exception {
        return mvc.perform(post("/api/v1/tokens").header("Authorization", basic(email, password))
            .with(request -> {
                request.setRemoteAddr(elsewhere());
                return request;
            })).andReturn();
    }

    protected static String elsewhere() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    }

    /** Where the login form sends a browser that signs in, from an address of its own: "/" when it worked. */
    protected String signInFromElsewhere(String email, String password) throws Exception {
        var browser = openLoginPage();
        var address = elsewhere();
        return mvc.perform(browser.submit(post("/login")).param("email", email).param("password", password)
            .with(request -> {
                request.setRemoteAddr(address);
                return request;
            })).andReturn().getResponse().getRedirectedUrl();
    }

    protected String token(String email, String password) throws Exception {
        var result = tokenRequest(email, password);
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return JsonPath.read(result.getResponse().getContentAsString(), "$.token");
    }

    protected MvcResult call(AbstractMockHttpServletRequestBuilder<?> request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return mvc.perform(request).andReturn();
    }

    protected MvcResult postJson(String path, String token, String json) throws Exception {
        return call(post(path).contentType(MediaType.APPLICATION_JSON).content(json), token);
    }

    protected MvcResult patchJson(String path, String token, String json) throws Exception {
        return call(patch(path).contentType(MediaType.APPLICATION_JSON).content(json), token);
    }

    protected MvcResult get(String path, String token) throws Exception {
        return call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path), token);
    }

    protected static DocumentContext json(MvcResult result) throws Exception {
        return JsonPath.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    /** Creates a school with a unique id; returns the id. */
    protected String school(boolean customPasswordOverridesExisting) throws Exception {
        var id = "S" + unique();
        var result = postJson("/api/v1/schools", operator, """
                {"schoolId":"%s","name":"School %s","customPasswordOverridesExisting":%s}"""
            .formatted(id, id, customPasswordOverridesExisting));
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return id;
    }

    /** Grants admin at the school to a new account and returns its email. */
    protected String adminEmail(String schoolId) throws Exception {
        var email = "admin-" + unique() + "@school.example.com";
        grantAdmin(schoolId, email);
        return email;
    }

    protected void grantAdmin(String schoolId, String email) throws Exception {
        var result = postJson("/api/v1/schools/" + schoolId + "/admins", operator, """
                {"email":"%s","firstName":"Ada","lastName":"Admin","password":"%s"}""".formatted(email, ADMIN_PASSWORD));
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
    }

    /** A token of a new admin of the school. */
    protected String admin(String schoolId) throws Exception {
        return token(adminEmail(schoolId), ADMIN_PASSWORD);
    }

    protected static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    protected MvcResult upload(String token, String content, String... options) throws Exception {
        return upload(token, content.getBytes(StandardCharsets.UTF_8), options);
    }

    protected MvcResult upload(String token, byte[] content, String... options) throws Exception {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/imports")
            .file(new MockMultipartFile("file", "roster.csv", "text/csv", content));
        for (int i = 0; i < options.length; i += 2) {
            request.param(options[i], options[i + 1]);
        }
        return call(request, token);
    }

    /** Uploads and waits for the import to end; returns the final import resource. */
    protected DocumentContext importFile(String token, String content, String... options) throws Exception {
        return importFile(token, content.getBytes(StandardCharsets.UTF_8), options);
    }

    protected DocumentContext importFile(String token, byte[] content, String... options) throws Exception {
        var result = upload(token, content, options);
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(202);
        return awaitEnd(token, JsonPath.read(result.getResponse().getContentAsString(), "$.id"));
    }

    protected DocumentContext awaitEnd(String token, String importId) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var report = json(get("/api/v1/imports/" + importId, token));
            String status = report.read("$.status");
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return report;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import " + importId + " did not end within 60 s");
    }

    /** A browser's session and the CSRF token that its pages' forms carry. */
    protected record PortalSession(MockHttpSession session, String csrf) {

        /** The request in this session, with the CSRF token that a form of its pages sends. */
        public AbstractMockHttpServletRequestBuilder<?> submit(AbstractMockHttpServletRequestBuilder<?> request) {
            return request.session(session).param("_csrf", csrf);
        }
    }

    protected static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** What opening the login page gives a browser: a session holding a CSRF token, nobody signed in. */
    protected PortalSession openLoginPage() throws Exception {
        var page = mvc.perform(MockMvcRequestBuilders.get("/login")).andReturn();
        return new PortalSession((MockHttpSession) page.getRequest().getSession(false), csrfOf(page));
    }

    /** Signs in to the Admin Portal through the login form, as a browser does. */
    protected PortalSession signIn(String email, String password) throws Exception {
        var browser = openLoginPage();
        var result = mvc.perform(browser.submit(post("/login")).param("email", email).param("password", password))
            .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("sign-in of " + email).isEqualTo("/");
        // Signing in replaces the session's CSRF token; every page with a form shows the new one.
        var page = mvc.perform(MockMvcRequestBuilders.get("/change-password").session(browser.session())).andReturn();
        return new PortalSession(browser.session(), csrfOf(page));
    }

    protected static String csrfOf(MvcResult page) throws Exception {
        var field = CSRF_FIELD.matcher(page.getResponse().getContentAsString());
        assertThat(field.find()).as("a CSRF field on " + page.getRequest().getRequestURI()).isTrue();
        return field.group(1);
    }

    /** A fresh set-password link for the account, as the mail relay issues one when it sends a welcome email. */
    protected String newLink(String email) {
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var token = "test-link-" + UUID.randomUUID();
        var now = java.time.OffsetDateTime.now();
        jdbc.sql("""
                insert into password_link (token_hash, account_id, created_at, expires_at)
                values (:hash, (select id from account where email_key = :key), :now, :expires)""")
            .param("hash", io.rollcall.secret.Secrets.digest(token))
            .param("key", io.rollcall.account.Account.emailKey(email))
            .param("now", now).param("expires", now.plusDays(1)).update();
        return token;
    }

    /** The school's users as the API lists them, by email (lower case). */
    protected Map<String, Map<String, Object>> users(String token, String schoolId) throws Exception {
        var result = get("/api/v1/schools/" + schoolId + "/users?size=1000", token);
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        java.util.List<Map<String, Object>> items = json(result).read("$.items");
        var byEmail = new java.util.TreeMap<String, Map<String, Object>>();
        items.forEach(item -> byEmail.put(((String) item.get("email")).toLowerCase(), item));
        return byEmail;
    }
}
