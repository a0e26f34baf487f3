package oidcprovider;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OpenID provider for the single sign-on tests: Spring Authorization Server in an
 * application context of its own, on a free port at {@code localhost} (Rollcall runs at
 * {@code 127.0.0.1}, so the two keep their cookies apart). It lies outside {@code io.rollcall}
 * and scans nothing, so the two contexts share no bean.
 *
 * <p>Clients {@value #CLIENT_ID} and {@value #TRUSTING_CLIENT_ID} (secret {@value #CLIENT_SECRET})
 * may return to Rollcall at any port a test has {@linkplain #allowRollcallAt(int) allowed}. People
 * sign in at the provider's form with their username and {@value #PASSWORD}; the ID token carries the
 * {@code email} and {@code email_verified} a test {@linkplain #person(String, String, Boolean) gave them}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class})
@EnableWebSecurity
public class TestOidcProvider {

    public static final String CLIENT_ID = "rollcall";
    public static final String TRUSTING_CLIENT_ID = "rollcall-entra";
    public static final String CLIENT_SECRET = "rollcall-secret";
    public static final String PASSWORD = "provider-password-1";

    /** What the provider says about a person: {@code emailVerified} null leaves the claim out, as Entra ID does. */
    public record Person(String email, Boolean emailVerified) {
    }

    private static final Map<String, Person> PEOPLE = new ConcurrentHashMap<>();
    private static final Set<Integer> ROLLCALL_PORTS = ConcurrentHashMap.newKeySet();
    private static String issuer;

    /** The provider's issuer URI, started once for all tests of the JVM. */
    public static synchronized String issuer() {
        if (issuer == null) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(TestOidcProvider.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "spring.config.name=oidc-provider", "spring.main.banner-mode=off",
                    "server.servlet.session.cookie.name=PROVIDER_SESSION")
                .run();
            issuer = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        }
        return issuer;
    }

    /**
     * Rollcall's settings for this provider: registration {@code school} ("Springfield Schools", client
     * {@value #CLIENT_ID}) and registration {@code entra} ("Entra ID", client {@value #TRUSTING_CLIENT_ID},
     * trusted with an email that has no {@code email_verified}, for {@code school.example.com} only), both at
     * this issuer.
     */
    public static void register(DynamicPropertyRegistry registry) {
        registration(registry, "school", CLIENT_ID, "Springfield Schools");
        registration(registry, "entra", TRUSTING_CLIENT_ID, "Entra ID");
        registry.add("rollcall.sso.providers.entra.trust-unverified-email", () -> "true");
        registry.add("rollcall.sso.providers.entra.email-domains", () -> "school.example.com");
    }

    private static void registration(DynamicPropertyRegistry registry, String id, String clientId, String name) {
        var prefix = "spring.security.oauth2.client.registration." + id + ".";
        registry.add(prefix + "client-id", () -> clientId);
        registry.add(prefix + "client-secret", () -> CLIENT_SECRET);
        registry.add(prefix + "client-name", () -> name);
        registry.add(prefix + "scope", () -> "openid,email,profile");
        registry.add(prefix + "provider", () -> id);
        registry.add("spring.security.oauth2.client.provider." + id + ".issuer-uri", TestOidcProvider::issuer);
    }

    /** Lets the clients return to a Rollcall on that port. */
    public static void allowRollcallAt(int port) {
        ROLLCALL_PORTS.add(port);
    }

    /** Someone who can sign in at the provider as {@code username}, with those claims. */
    public static void person(String username, String email, Boolean emailVerified) {
        PEOPLE.put(username, new Person(email, emailVerified));
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.oidc(Customizer.withDefaults());
            })
            .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
            .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
            .formLogin(Customizer.withDefaults())
            .build();
    }

    @Bean
    UserDetailsService people() {
        return username -> {
            if (!PEOPLE.containsKey(username)) {
                throw new UsernameNotFoundException(username);
            }
            return User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build();
        };
    }

    // Built on every request, so that a Rollcall started after the provider may return to it.
    @Bean
    RegisteredClientRepository clients() {
        return new RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient client) {
                // The provider re-saves a client to upgrade its secret's encoding; these stay as they are.
            }

            @Override
            public RegisteredClient findById(String id) {
                return findByClientId(id);
            }

            @Override
            public RegisteredClient findByClientId(String clientId) {
                if (!CLIENT_ID.equals(clientId) && !TRUSTING_CLIENT_ID.equals(clientId)) {
                    return null;
                }
                var registrationId = CLIENT_ID.equals(clientId) ? "school" : "entra";
                return RegisteredClient.withId(clientId)
                    .clientId(clientId)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUris(uris -> ROLLCALL_PORTS.forEach(port ->
                        uris.add("http://127.0.0.1:" + port + "/login/oauth2/code/" + registrationId)))
                    .scope(OidcScopes.OPENID).scope(OidcScopes.EMAIL).scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build();
            }
        };
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> emailClaims() {
        return context -> {
            var person = PEOPLE.get(context.getPrincipal().getName());
            if (person != null && OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getClaims().claim("email", person.email());
                if (person.emailVerified() != null) {
                    context.getClaims().claim("email_verified", person.emailVerified());
                }
            }
        };
    }

    @Bean
    JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
            .keyID(UUID.randomUUID().toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
        return NimbusJwtDecoder.withJwkSource(keys).build();
    }

    @Bean
    AuthorizationServerSettings settings() {
        return AuthorizationServerSettings.builder().build();
    }
}
