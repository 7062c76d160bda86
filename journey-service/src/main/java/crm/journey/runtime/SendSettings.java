package crm.journey.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The send worker's settings (crm.journey.sends.*), documented in application.properties. */
@ConfigMapping(prefix = "crm.journey.sends")
public interface SendSettings {
    /** How long an idle worker waits for a wake-up before it looks anyway, e.g. "1s"; "off": no background workers. */
    @WithDefault("1s")
    String every();

    /** Workers delivering in parallel in each replica. */
    @WithDefault("8")
    int concurrency();

    @WithDefault("10")
    int batchSize();

    @WithDefault("60s")
    Duration lease();

    @WithDefault("5")
    int maxAttempts();

    @WithDefault("30s")
    Duration firstRetryDelay();

    @WithDefault("1h")
    Duration maxRetryDelay();
}
