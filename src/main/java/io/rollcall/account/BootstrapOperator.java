package io.rollcall.account;

import io.rollcall.db.ClusterLock;
import io.rollcall.logging.Redact;
import io.rollcall.secret.Secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final ClusterLock clusterLock;
    private final TransactionTemplate transactions;
    private final String email;
    private final String password;
    private final boolean configured;

    BootstrapOperator(AccountRepository accounts, PasswordEncoder passwordEncoder, ClusterLock clusterLock,
            TransactionTemplate transactions, BootstrapProperties properties) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clusterLock = clusterLock;
        this.transactions = transactions;
        this.email = properties.operatorEmail().isBlank() ? DEFAULT_EMAIL : properties.operatorEmail().trim();
        this.password = properties.operatorPassword();
        this.configured = !properties.operatorEmail().isBlank() || !password.isEmpty();
    }

    /**
     * Instances starting together take turns, so that exactly one creates the operator and none
     * fails on the other's row. The password is hashed before the transaction opens.
     */
    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyOperator()) {
            if (configured) {
                log.info("An operator exists already, so rollcall.bootstrap.operator-email and -password are not used:"
                    + " they create the first operator of an empty database only. Sign in as an existing operator,"
                    + " or start on an empty database (the embedded one is under ./data)");
            }
            return;
        }
        var generated = password.isEmpty();
        var secret = generated ? randomPassword() : password;
        if (!generated) {
            PasswordPolicy.check(secret);
        }
        var hash = passwordEncoder.encode(secret);
        boolean created = clusterLock.runAlone("bootstrap-operator", () -> transactions.execute(status -> create(hash)));
        if (created && generated) {
            // No address in plain text in the log, not even this default one: the README and the
            // configuration reference write it out.
            log.warn("Created the first operator {}{} with the generated password {} (shown once; "
                + "set ROLLCALL_BOOTSTRAP_OPERATOR_PASSWORD to choose one)", Redact.email(email),
                email.equals(DEFAULT_EMAIL) ? " (the default of rollcall.bootstrap.operator-email, see README)" : "",
                secret);
        } else if (created) {
            log.info("Created the first operator {}", Redact.email(email));
        }
    }

    // False when another instance created an operator meanwhile.
    private boolean create(String hash) {
        if (accounts.anyOperator()) {
            return false;
        }
        // An existing account is not made an operator: its password is someone else's (an upload's custom
        // password, say), and whoever knows it would then hold every school.
        if (accounts.findByEmail(email).isPresent()) {
            throw new IllegalStateException("There is no operator yet, and the bootstrap operator email " + email
                + " belongs to an existing account; Rollcall does not make an existing account an operator. Set"
                + " ROLLCALL_BOOTSTRAP_OPERATOR_EMAIL to an address that has no account yet");
        }
        var account = accounts.insert(email, "Rollcall", "Operator", hash, false);
        accounts.makeOperator(account.id());
        return true;
    }

    private static String randomPassword() {
        return Secrets.newToken().substring(0, 24);
    }
}
