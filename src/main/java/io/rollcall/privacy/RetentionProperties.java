package io.rollcall.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long personal data is kept ({@code rollcall.retention.*}). The purges run every
 * {@code rollcall.retention.interval} (1h).
 *
 * @param imports an import's stored file and the row contents behind its errors and warnings are purged
 *        this long after it was uploaded
 * @param dryRuns when a dry run's stored file and row contents are purged: they serve only the admin's next step
 * @param audit audit events older than this are deleted (a school year and its appeals)
 */
@ConfigurationProperties("rollcall.retention")
public record RetentionProperties(
        @DefaultValue("30d") Duration imports,
        @DefaultValue("1d") Duration dryRuns,
        @DefaultValue("400d") Duration audit) {
}
