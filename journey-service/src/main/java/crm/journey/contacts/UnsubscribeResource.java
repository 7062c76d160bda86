package crm.journey.contacts;

import crm.events.CustomerEvent;
import crm.events.Identities;
import crm.events.MessageEvent;
import crm.journey.runtime.Database;
import crm.journey.sends.MessageEventPublisher;
import crm.journey.sends.MessageEvents;
import crm.web.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.InstantSource;

/**
 * One-click unsubscribe (RFC 8058): mail clients POST {@code List-Unsubscribe=One-Click} to the link of the
 * List-Unsubscribe header; the signed token is the only credential. The contact is unsubscribed here at once and a
 * "Message Unsubscribed" event tells profile-service, which records the consent change. A GET (the link in the
 * message body) shows a button that POSTs, so link scanners that follow links unsubscribe nobody.
 */
@Path("/v1/unsubscribe/{token}")
@PermitAll
public class UnsubscribeResource {
    @Inject
    UnsubscribeLinks links;
    @Inject
    Database database;
    @Inject
    ContactRepository contacts;
    @Inject
    MessageEventPublisher events;
    @Inject
    InstantSource clock;

    @POST
    @Produces(MediaType.TEXT_HTML)
    public String unsubscribe(@PathParam("token") String token) {
        UnsubscribeToken t = verified(token);
        Instant now = clock.instant();
        database.inTransaction(c -> {
            contacts.unsubscribe(c, t.workspaceId(), t.profileId(), t.channel(), now);
            return null;
        });
        // The id is the message's: clicking twice tells profile-service once.
        MessageEvent event = new MessageEvent(MessageEvent.Status.unsubscribed, t.channel(), t.messageId(), null, null,
                null, null, "one-click unsubscribe");
        CustomerEvent customerEvent = event.toCustomerEvent(t.messageId() + ":unsubscribed", t.workspaceId(),
                new Identities(null, null, null, null, null, null, null, null, t.profileId()), now, MessageEvents.SOURCE);
        events.publish(customerEvent);
        return "<!DOCTYPE html><html><body><p>You are unsubscribed. You will receive no more of these messages.</p></body></html>";
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String confirm(@PathParam("token") String token) {
        verified(token);
        return "<!DOCTYPE html><html><body><form method=\"post\"><p>Stop receiving these messages?</p>"
                + "<button type=\"submit\">Unsubscribe</button></form></body></html>";
    }

    private UnsubscribeToken verified(String token) {
        return links.verify(token).orElseThrow(() -> ProblemException.notFound("unknown unsubscribe link"));
    }
}
