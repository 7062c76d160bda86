package crm.journey.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import crm.events.ApiTokens;
import crm.events.Json;
import crm.journey.contacts.Contact;
import crm.journey.contacts.ContactRepository;
import crm.journey.guards.SendGuards;
import crm.journey.providers.OutboundMessage;
import crm.journey.providers.Provider;
import crm.journey.providers.ProviderChoice;
import crm.journey.providers.ProviderException;
import crm.journey.providers.Providers;
import crm.journey.runtime.Database;
import crm.journey.sends.ClaimedSend;
import crm.journey.sends.MessageRenderer;
import crm.journey.sends.PlannedSend;
import crm.journey.sends.SendStatus;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/journeys/{id}/test-send}: renders one send step's message with sample traits (or a profile's) and
 * sends it now to the given address through the workspace's provider, marked as a test ("[Test] " subject or text).
 * It starts no run and writes no send: no guard, cap, statistic or message event ever sees it. Another workspace's
 * journey is 404.
 */
@Path("/v1/journeys/{id}/test-send")
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class TestSendResource {
    private static final Logger LOG = Logger.getLogger(TestSendResource.class);

    @Inject
    CallingWorkspace workspace;
    @Inject
    Database database;
    @Inject
    JourneyRepository journeys;
    @Inject
    ContactRepository contacts;
    @Inject
    Providers providers;
    @Inject
    MessageRenderer renderer;
    @Inject
    SendGuards guards;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public TestSendResult send(@PathParam("id") String journeyId, String body) {
        String ws = workspace.id();
        Journey journey = database.read(c -> journeys.find(c, ws, journeyId))
                .filter(j -> j.status() != JourneyStatus.archived)
                .orElseThrow(() -> ProblemException.notFound("no journey " + journeyId));
        TestSendRequest request = parse(body);
        TestSends.Checked checked = TestSends.check(journey.definition(), request);
        if (checked.refused() != null) {
            throw ProblemException.badRequest(checked.refused().field() + " " + checked.refused().message(), checked.refused().field());
        }
        Map<String, Object> traits = new HashMap<>();
        if (request.profileId() != null) {
            Contact contact = database.read(c -> contacts.find(c, ws, request.profileId()))
                    .orElseThrow(() -> ProblemException.badRequest("profileId: no profile '" + request.profileId()
                            + "' known to journeys in this workspace", "profileId"));
            traits.putAll(contact.traits());
        }
        traits.putAll(request.traits());
        if (!request.event().isEmpty()) traits.put(PlannedSend.EVENT_VARIABLE, request.event());

        var step = checked.step();
        ProviderChoice choice = providers.chosen(ws, step.channel()).orElseThrow(() -> new ProblemException(
                Response.Status.CONFLICT, "no provider is configured for " + step.channel() + " messages", "step"));
        Provider provider = providers.named(choice.provider()).orElseThrow(() -> new ProblemException(
                Response.Status.CONFLICT, "unknown provider '" + choice.provider() + "' for " + step.channel(), "step"));
        String to = checked.to() != null ? checked.to() : choice.url();
        if (to == null) throw ProblemException.badRequest("to is required: the workspace has no webhook URL", "to");

        String messageId = "test:" + UUID.randomUUID();
        ClaimedSend send = new ClaimedSend(messageId, ws, null, journey.id(), request.profileId(), step.id(), step.channel(),
                to, step.template(), traits, SendStatus.sending, 1, null, null, null);
        OutboundMessage message;
        String providerMessageId;
        try {
            message = renderer.renderTest(send, to, guards.kindOf(step.template()), choice);
            providerMessageId = provider.send(message);
        } catch (ProviderException e) {
            // The provider refused or could not be reached: the caller learns it now, nothing is retried.
            throw new ProblemException(Response.Status.BAD_GATEWAY, provider.name() + " did not take the test message: " + e.getMessage(), "to");
        } catch (IllegalStateException e) {
            throw new ProblemException(Response.Status.CONFLICT, "the step's message cannot be rendered: " + e.getMessage(), "step");
        } catch (RuntimeException e) {
            LOG.warnf("test send of %s/%s failed: %s", journey.id(), step.id(), e.toString());
            throw new ProblemException(Response.Status.BAD_GATEWAY, provider.name() + " did not take the test message: " + e.getMessage(), "to");
        }
        return new TestSendResult(messageId, step.id(), step.channel().name(), to, provider.name(), providerMessageId,
                message.subject());
    }

    private static TestSendRequest parse(String body) {
        if (body == null || body.isBlank()) throw ProblemException.badRequest("a JSON body {step, to} is required", "step");
        try {
            TestSendRequest request = Json.MAPPER.readValue(body, TestSendRequest.class);
            if (request == null) throw ProblemException.badRequest("a JSON body {step, to} is required", "step");
            return request;
        } catch (JsonMappingException e) {
            throw ProblemException.badRequest(JourneyResource.field(e) + ": " + e.getOriginalMessage(), JourneyResource.field(e));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("not valid JSON: " + e.getOriginalMessage(), "body");
        }
    }
}
