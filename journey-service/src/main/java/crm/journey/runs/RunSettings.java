package crm.journey.runs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The run timer worker's settings (crm.journey.runs.*), documented in application.properties. */
@ConfigMapping(prefix = "crm.journey.runs")
public interface RunSettings {
    @WithDefault("1s")
    String every();

    @WithDefault("100")
    int batchSize();
}
