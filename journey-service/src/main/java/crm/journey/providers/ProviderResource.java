package crm.journey.providers;

import crm.events.ApiTokens;
import crm.events.MessageEvent.Channel;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.net.URI;
import java.time.InstantSource;
import java.util.List;

/**
 * The providers the calling workspace sends through, per channel: {@code GET /v1/providers} lists the effective
 * choices, {@code PUT /v1/providers/{channel}} with {@code {"provider": "sendgrid"}} (or, for the webhook channel,
 * {@code {"provider": "webhook", "url": "https://..."}}) chooses one. Secrets stay in configuration.
 */
@Path("/v1/providers")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ProviderResource {
    @Inject
    CallingWorkspace workspace;
    @Inject
    Providers providers;
    @Inject
    InstantSource clock;

    public record Choice(String provider, String url) {
    }

    @GET
    public List<ProviderChoice> list() {
        return providers.chosen(workspace.id());
    }

    @PUT
    @Path("/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProviderChoice choose(@PathParam("channel") String channelName, Choice body) {
        Channel channel;
        try {
            channel = Channel.valueOf(channelName);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("channel must be one of email, sms, whatsapp, webhook", "channel");
        }
        if (body == null || body.provider() == null || body.provider().isBlank()) {
            throw ProblemException.badRequest("provider is required", "provider");
        }
        if (!providers.serves(body.provider(), channel)) {
            throw ProblemException.badRequest("provider '" + body.provider() + "' does not send " + channel + " messages", "provider");
        }
        String url = null;
        if (channel == Channel.webhook) {
            url = body.url();
            if (url == null || !validHttpUrl(url)) throw ProblemException.badRequest("url must be an absolute http(s) URL", "url");
        }
        ProviderChoice choice = new ProviderChoice(channel.name(), body.provider(), url);
        providers.choose(workspace.id(), choice, clock.instant());
        return choice;
    }

    /** An absolute http(s) URL with a host: where a webhook can go. */
    public static boolean validHttpUrl(String url) {
        try {
            URI u = URI.create(url);
            return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
