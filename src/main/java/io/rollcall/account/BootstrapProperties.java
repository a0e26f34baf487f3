package io.rollcall.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first operator, made at the first start of an installation without one
 * ({@code rollcall.bootstrap.*}).
 *
 * @param operatorEmail the first operator's email ({@code operator@rollcall.local} when empty)
 * @param operatorPassword the first operator's password; when empty one is generated and logged once, at WARN
 */
@ConfigurationProperties("rollcall.bootstrap")
public record BootstrapProperties(String operatorEmail, String operatorPassword) {

    public BootstrapProperties {
        operatorEmail = operatorEmail == null ? "" : operatorEmail;
        operatorPassword = operatorPassword == null ? "" : operatorPassword;
    }
}
