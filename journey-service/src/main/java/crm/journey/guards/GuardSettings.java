package crm.journey.guards;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The send guards' settings (crm.journey.guards.*), documented in application.properties. */
@ConfigMapping(prefix = "crm.journey.guards")
public interface GuardSettings {
    @WithDefault("sms,whatsapp")
    List<String> optInRequired();

    /** Channel name -> "1/24h,3/7d". */
    Map<String, String> caps();

    /** Channel name -> "21:00-09:00" or "none". */
    Map<String, String> quietHours();

    @WithDefault("hold")
    QuietHoursPolicy quietHoursPolicy();

    @WithDefault("negative_sentiment")
    List<String> empathyTraits();

    @WithDefault("UTC")
    String defaultTimezone();

    /** Template keys whose messages are transactional; every other template is marketing. */
    Optional<List<String>> transactionalTemplates();
}
