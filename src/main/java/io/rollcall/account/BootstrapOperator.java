package io.rollcall.account;

import io.rollcall.logging.Redact;
import io.rollcall.secret.Secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first operator at start-up when there is none, from
 * {@code rollcall.bootstrap.operator-email} / {@code -password}; without a password one is
 * generated and printed once in the log. Refuses to start when that email already has an account.
 */
@Component
class BootstrapOperator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapOperator.class);
    private static final String DEFAULT_EMAIL = "operator@rollcall.local";

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final String email;
    private final String password;

    BootstrapOperator(AccountRepository accounts, PasswordEncoder passwordEncoder, BootstrapProperties properties) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.email = properties.operatorEmail().isBlank() ? DEFAULT_EMAIL : properties.operatorEmail().trim();
        this.password = properties.operatorPassword();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (accounts.anyOperator()) {
            return;
        }
        var generated = password.isEmpty();
        var secret = generated ? randomPassword() : password;
        if (!generated) {
            PasswordPolicy.check(secret);
        }
        // An existing account is not made an operator: its password is someone else's (an upload's custom
        // password, say), and whoever knows it would then hold every school.
        if (accounts.findByEmail(email).isPresent()) {
            throw new IllegalStateException("There is no operator yet, and the bootstrap operator email " + email
                + " belongs to an existing account; Rollcall does not make an existing account an operator. Set"
                + " ROLLCALL_BOOTSTRAP_OPERATOR_EMAIL to an address that has no account yet");
        }
        var account = accounts.insert(email, "Rollcall", "Operator", passwordEncoder.encode(secret), false);
        accounts.makeOperator(account.id());
        if (generated) {
            log.warn("Created the first operator {} with the generated password {} (shown once; "
                + "set ROLLCALL_BOOTSTRAP_OPERATOR_PASSWORD to choose one)", Redact.email(email), secret);
        } else {
            log.info("Created the first operator {}", Redact.email(email));
        }
    }

    private static String randomPassword() {
        return Secrets.newToken().substring(0, 24);
    }
}
