package io.rollcall.importing;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of imports ({@code rollcall.import.*}). The worker's poll interval
 * ({@code rollcall.import.poll-interval}) is read by its schedule.
 *
 * @param maxFileSize the largest upload accepted (also the servlet's multipart limit)
 * @param maxRows the most rows one file may have, header not counted
 * @param workers imports processed at once by one instance
 * @param batchSize rows staged per batch, and how often an import's progress is saved
 * @param spoolDirectory where uploads are spooled while they are received (the system's temporary
 *        directory, {@code java.io.tmpdir}, by default)
 * @param maxStoredPerSchool the most bytes of uploaded files a school keeps stored at once
 * @param syncMaxDeactivatePercent a sync deactivating more than this share of a school's members needs
 *        confirmLargeSync
 * @param staleAfter an import whose worker has not beaten its heartbeat for this long is taken over by
 *        another instance (its own died)
 * @param heartbeatInterval how often a worker marks its running imports alive, on a thread of its own;
 *        keep it well under stale-after
 * @param maxConcurrentUploads uploads one instance receives at once; one more is answered 429 TOO_MANY_UPLOADS
 */
@Validated
@ConfigurationProperties("rollcall.import")
public record ImportProperties(
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("1000000") @Positive long maxRows,
        @DefaultValue("2") @Positive int workers,
        @DefaultValue("5000") @Positive int batchSize,
        Path spoolDirectory,
        @DefaultValue("2GB") DataSize maxStoredPerSchool,
        @DefaultValue("10") @Min(0) @Max(100) int syncMaxDeactivatePercent,
        @DefaultValue("20s") Duration staleAfter,
        @DefaultValue("4") @Positive int maxConcurrentUploads,
        @DefaultValue("5s") Duration heartbeatInterval) {

    public ImportProperties {
        spoolDirectory = spoolDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : spoolDirectory;
    }
}
