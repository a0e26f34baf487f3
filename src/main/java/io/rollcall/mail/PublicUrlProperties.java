package io.rollcall.mail;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where people open Rollcall ({@code rollcall.public-url}).
 *
 * @param publicUrl the address the links in emails point at, as people's browsers reach Rollcall
 *        ({@code https://rollcall.example.org}); localhost only for trying it out
 */
@ConfigurationProperties("rollcall")
public record PublicUrlProperties(@DefaultValue("http://localhost:8080") String publicUrl) {

    public PublicUrlProperties {
        publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** Whether the links would lead to this machine only: right for a trial, wrong for a school. */
    boolean isLocal() {
        var host = URI.create(publicUrl).getHost();
        return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }
}
