package io.rollcall.auth;

import java.util.Locale;
import java.util.function.Supplier;

import io.rollcall.account.AccountRepository;
import io.rollcall.account.Credentials;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ServerBusy;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Email and password sign-in for the login form and for token requests, with the brute-force
 * lock. Failures never say whether the email or the password was wrong.
 */
@Component
public class PasswordSignIn implements AuthenticationProvider {

    private static final String BAD_CREDENTIALS = "Email or password is incorrect.";
    private static final int MAX_EMAIL = 254;

    private final AccountRepository accounts;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final PasswordEncoder passwordEncoder;
    private final SsoProperties sso;
    private final ForcedChange forcedChange;
    private final SignInMetrics metrics;
    // Checked when the email is unknown, so that both paths cost one hash check.
    private final String dummyHash;

    PasswordSignIn(AccountRepository accounts, LoginThrottle throttle, PasswordEncoder passwordEncoder, AuditLog audit,
            SsoProperties sso, ForcedChange forcedChange, SignInMetrics metrics) {
        this.accounts = accounts;
        this.forcedChange = forcedChange;
        this.metrics = metrics;
        this.sso = sso;
        this.throttle = throttle;
        this.audit = audit;
        this.passwordEncoder = passwordEncoder;
        this.dummyHash = passwordEncoder.encode("not a password of anyone");
    }

    /**
     * Checks the credentials and returns the signed-in person.
     *
     * @throws TooManyAttempts while the account is locked, even with the right password
     * @throws BadCredentialsException for an unknown email or a wrong password
     * @throws AccountDeactivated for the right password of a person with no active membership left
     * @throws PasswordSignInOff for the right password of anyone but an operator while
     *         {@code rollcall.sso.password-login} is false
     */
    public CurrentUser signIn(String email, String password) {
        var key = throttleKey(email);
        var address = AuditLog.clientAddress();
        var locked = throttle.lockedFor(key, address);
        if (locked.isPresent()) {
            audit.record(AuditEvent.SIGN_IN_LOCKED, key, key, "refused: too many failed sign-ins");
            metrics.locked();
            throw new TooManyAttempts(locked.get());
        }
        var credentials = accounts.credentials(key);
        var hash = credentials.map(Credentials::passwordHash).orElse(null);
        Supplier<Boolean> check = () -> passwordEncoder.matches(password == null ? "" : password,
            hash == null ? dummyHash : hash);
        var staff = credentials.filter(c -> c.operator() || !c.adminSchools().isEmpty()).isPresent();
        boolean matches = staff ? HashingLane.staff(check) : check.get();
        if (credentials.isEmpty() || hash == null || !matches) {
            throttle.recordFailure(key, address);
            metrics.badCredentials();
            audit.record(AuditEvent.SIGN_IN_FAILED, key, key, credentials.isEmpty() ? "unknown email" : "wrong password");
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        if (credentials.get().deactivated()) {
            audit.record(AuditEvent.SIGN_IN_FAILED, key, key, "account deactivated");
            metrics.deactivated();
            throw new AccountDeactivated();
        }
        // Checked only after the password, so that the answer tells nothing about who is an operator.
        if (!sso.passwordLogin() && !credentials.get().operator()) {
            audit.record(AuditEvent.SIGN_IN_FAILED, key, key, "password sign-in is turned off");
            metrics.passwordLoginOff();
            throw new PasswordSignInOff();
        }
        var user = signedIn(credentials.get());
        audit.record(AuditEvent.SIGN_IN, user.email(), user.email(), null);
        return user;
    }

    // What failures are counted under: the email as an account holds it. Whatever was typed (300
    // characters, control characters) is an ordinary failure, counted under its first 254 characters.
    private static String throttleKey(String email) {
        var key = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return key.length() > MAX_EMAIL ? key.substring(0, MAX_EMAIL) : key;
    }

    /** The person with that id as they are now, for requests that carry a token; empty once deactivated. */
    public java.util.Optional<CurrentUser> load(long accountId) {
        return accounts.credentials(accountId).filter(account -> !account.deactivated()).map(PasswordSignIn::signedIn);
    }

    static CurrentUser signedIn(Credentials account) {
        return new CurrentUser(account.accountId(), account.email(), account.firstName() + " " + account.lastName(),
            account.operator(), account.adminSchools(), account.mustChangePassword(), account.credentialsVersion());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var password = String.valueOf(authentication.getCredentials());
        try {
            var user = signIn(authentication.getName(), password);
            // A temporary password just checked: the forced change that follows need not check it again.
            return authenticated(user, user.mustChangePassword() ? forcedChange.signedIn(user, password) : null);
        } catch (ServerBusy e) {
            throw new SignInBusy(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** An authentication for the user with authorities ROLE_OPERATOR / ROLE_ADMIN / ROLE_USER. */
    public static Authentication authenticated(CurrentUser user) {
        return authenticated(user, null);
    }

    /** The same, with details kept for the session (how it signed in). */
    static Authentication authenticated(CurrentUser user, Object details) {
        var authorities = new java.util.ArrayList<SimpleGrantedAuthority>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (user.operator()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_OPERATOR"));
        }
        if (user.isAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        authentication.setDetails(details);
        return authentication;
    }
}
