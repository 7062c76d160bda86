package crm.journey.contacts;

import crm.events.MessageEvent.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

/** Makes and checks the one-click unsubscribe links of marketing messages (RFC 8058). */
@ApplicationScoped
public class UnsubscribeLinks {
    private static final Logger LOG = Logger.getLogger(UnsubscribeLinks.class);

    private final byte[] key;
    private final String publicUrl;

    public UnsubscribeLinks(@ConfigProperty(name = "crm.journey.unsubscribe.secret") Optional<String> secret,
                            @ConfigProperty(name = "crm.journey.public-url") String publicUrl) {
        if (secret.isPresent() && !secret.get().isBlank()) {
            this.key = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            // Links still work until this process stops; set the secret so they survive restarts and replicas.
            LOG.warn("crm.journey.unsubscribe.secret is not set: unsubscribe links are signed with a key of this process only");
            this.key = new byte[32];
            new SecureRandom().nextBytes(this.key);
        }
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String url(String workspaceId, String profileId, Channel channel, String messageId) {
        return publicUrl + "/v1/unsubscribe/" + new UnsubscribeToken(workspaceId, profileId, channel, messageId).sign(key);
    }

    /** The link a test send shows where the real message has its own: it unsubscribes nobody (unknown link, 404). */
    public String testUrl() {
        return publicUrl + "/v1/unsubscribe/test-send";
    }

    public Optional<UnsubscribeToken> verify(String token) {
        return UnsubscribeToken.verify(token, key);
    }
}
