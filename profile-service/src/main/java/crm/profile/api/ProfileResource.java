package crm.profile.api;

import crm.events.ApiTokens;
import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.profile.ProfileRepository;
import crm.profile.consent.ConsentChannel;
import crm.profile.consent.ConsentStatus;
import crm.profile.folding.EventFolding;
import crm.profile.folding.SnapshotPublisher;
import crm.profile.folding.TimelineRepository;
import crm.profile.identity.Identity;
import crm.profile.identity.IdentityKind;
import crm.profile.identity.IdentityRepository;
import crm.profile.identity.MergeRepository;
import crm.profile.identity.PhoneNumbers;
import crm.profile.privacy.ProfileErasure;
import crm.profile.traits.Profile;
import crm.profile.traits.ProfileState;
import crm.profile.traits.TimelineEvent;
import crm.profile.traits.TraitFold;
import crm.web.CallingWorkspace;
import crm.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Profiles of the calling workspace: look-ups, timeline, consent, GDPR export and erasure. Another workspace's
 * profiles do not exist for it: 404, never 403. The id of a profile merged into another answers the survivor.
 */
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiTokens.WORKSPACE_ROLE)
public class ProfileResource {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;
    static final int MAX_SOURCE_LENGTH = 200;

    @Inject
    CallingWorkspace workspace;
    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    ProfileRepository profiles;
    @Inject
    IdentityRepository identities;
    @Inject
    MergeRepository merges;
    @Inject
    TimelineRepository timeline;
    @Inject
    EventFolding folding;
    @Inject
    ProfileErasure erasure;
    @Inject
    SnapshotPublisher publisher;
    @Inject
    ProfileExports exports;
    @ConfigProperty(name = "crm.profile.phone.default-region", defaultValue = "US")
    String phoneRegion;

    @GET
    @Operation(summary = "The profile an identifier points to: email, else phone, else userId, else anonymousId")
    public ProfileView byIdentity(@Parameter(description = "any casing; compared trimmed and lower-cased") @QueryParam("email") String email,
                                  @Parameter(description = "any format; compared in E.164") @QueryParam("phone") String phone,
                                  @QueryParam("userId") String userId,
                                  @QueryParam("anonymousId") String anonymousId) throws SQLException {
        Identity identity = identityAsked(email, phone, userId, anonymousId, phoneRegion);
        String ws = workspace.id();
        try (Connection c = dataSource.getConnection()) {
            Optional<UUID> id = identities.profileOf(c, ws, identity);
            if (id.isEmpty()) throw ProblemException.notFound("no profile with this " + identity.kind().apiName);
            return view(c, ws, id.get());
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One profile by its id (a merged profile's id answers the profile it was merged into)")
    public ProfileView byId(@PathParam("id") String id) throws SQLException {
        String ws = workspace.id();
        try (Connection c = dataSource.getConnection()) {
            return view(c, ws, current(c, ws, id));
        }
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The profile's event timeline, newest first; pass the answer's `next` as `after` for the next page")
    public TimelinePage events(@PathParam("id") String id,
                               @Parameter(description = "page size, 1 to 500 (default 50)") @QueryParam("limit") Integer limit,
                               @Parameter(description = "the `next` cursor of the previous page") @QueryParam("after") String after) throws SQLException {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) throw ProblemException.badRequest("limit must be between 1 and " + MAX_PAGE, "limit");
        Cursor cursor = after == null || after.isBlank() ? null : Cursor.parse(after);
        String ws = workspace.id();
        try (Connection c = dataSource.getConnection()) {
            UUID profileId = existing(c, ws, current(c, ws, id));
            List<TimelineEvent> page = timeline.page(c, profileId, cursor == null ? null : cursor.at(),
                    cursor == null ? null : cursor.eventId(), size + 1);
            boolean more = page.size() > size;
            List<TimelineEvent> shown = more ? page.subList(0, size) : page;
            String next = more ? new Cursor(shown.get(size - 1).at(), shown.get(size - 1).event().id()).text() : null;
            return new TimelinePage(shown.stream().map(TimelineEvent::event).toList(), next);
        }
    }

    @GET
    @Path("{id}/consent")
    @Operation(summary = "Consent per channel (email, sms, whatsapp) and its history")
    public ConsentView consent(@PathParam("id") String id) throws SQLException {
        String ws = workspace.id();
        try (Connection c = dataSource.getConnection()) {
            UUID profileId = existing(c, ws, current(c, ws, id));
            return ConsentView.of(profiles.state(c, profileId));
        }
    }

    @PUT
    @Path("{id}/consent/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets the consent of one channel (preference centre); kept in the history, published in the profile's traits")
    public ConsentView setConsent(@PathParam("id") String id, @PathParam("channel") String channelName, ConsentUpdate update) throws SQLException {
        ConsentChannel channel = ConsentChannel.of(channelName)
                .orElseThrow(() -> ProblemException.badRequest("channel must be email, sms or whatsapp", "channel"));
        if (update == null || update.status() == null) throw ProblemException.badRequest("status is required", "status");
        ConsentStatus status;
        try {
            status = ConsentStatus.valueOf(update.status().trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status must be subscribed, unsubscribed or never_asked", "status");
        }
        String source = update.source() == null || update.source().isBlank() ? "preference_centre" : update.source().trim();
        // A short label; PostgreSQL refuses NUL in text, so control characters would otherwise fail the fold with a 500.
        if (source.length() > MAX_SOURCE_LENGTH || source.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("source must be at most " + MAX_SOURCE_LENGTH + " characters, without control characters", "source");
        }
        String ws = workspace.id();
        UUID profileId;
        try (Connection c = dataSource.getConnection()) {
            profileId = existing(c, ws, current(c, ws, id));
        }
        // The change is an event of the profile's timeline, folded like any other: history, traits, publication.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("channel", channel.name());
        properties.put("status", status.name());
        properties.put("source", source);
        Identities declared = new Identities(null, null, null, null, null, null, null, null, profileId.toString());
        folding.process(new CustomerEvent("consent-" + UUID.randomUUID(), ws, EventType.TRACK, TraitFold.CONSENT_CHANGED,
                declared, null, properties, null, now, now, source, null));
        return consent(profileId.toString());
    }

    @GET
    @Path("{id}/export")
    @Operation(summary = "Everything held about the profile (GDPR access request): traits, identities, consent, timeline, merges")
    public ProfileExport export(@PathParam("id") String id) throws SQLException {
        String ws = workspace.id();
        try (Connection c = dataSource.getConnection()) {
            UUID profileId = current(c, ws, id);
            return exports.export(c, ws, profileId, clock.instant()).orElseThrow(() -> ProblemException.notFound("no profile " + id));
        }
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Erases the profile (GDPR erasure): deletes everything held about it and publishes ProfileErased so other services purge too")
    public void erase(@PathParam("id") String id) throws SQLException {
        String ws = workspace.id();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                UUID profileId = current(c, ws, id);
                if (profiles.lock(c, ws, profileId).isEmpty()) throw ProblemException.notFound("no profile " + id);
                // Published before the commit: if the broker fails, nothing is deleted and the request can be repeated.
                publisher.publish(erasure.erase(c, ws, profileId, "api", clock.instant()));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static Identity identityAsked(String email, String phone, String userId, String anonymousId, String phoneRegion) {
        String normalisedEmail = Identities.normaliseEmail(email);
        if (normalisedEmail != null) return new Identity(IdentityKind.EMAIL, normalisedEmail);
        if (phone != null && !phone.isBlank()) {
            return new Identity(IdentityKind.PHONE, PhoneNumbers.e164(phone, phoneRegion)
                    .orElseThrow(() -> ProblemException.badRequest("phone is not a phone number", "phone")));
        }
        if (userId != null && !userId.isBlank()) return new Identity(IdentityKind.USER_ID, userId.trim());
        if (anonymousId != null && !anonymousId.isBlank()) return new Identity(IdentityKind.ANONYMOUS_ID, anonymousId.trim());
        throw ProblemException.badRequest("give the query parameter email, phone, userId or anonymousId", "email");
    }

    /** The profile an id stands for now (a merged id answers its survivor); an id that cannot exist is not found. */
    private UUID current(Connection c, String ws, String id) throws SQLException {
        try {
            return merges.current(c, ws, UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no profile " + id);
        }
    }

    private UUID existing(Connection c, String ws, UUID id) throws SQLException {
        if (profiles.find(c, ws, id).isEmpty()) throw ProblemException.notFound("no profile " + id);
        return id;
    }

    private ProfileView view(Connection c, String ws, UUID id) throws SQLException {
        return exports.view(c, ws, id).orElseThrow(() -> ProblemException.notFound("no profile " + id));
    }

    /** A position in a timeline: the last event of the page shown, as an opaque URL-safe text. */
    record Cursor(Instant at, String eventId) {
        String text() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + eventId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new Cursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("after is not a cursor this API gave", "after");
            }
        }
    }

    /** One page of a timeline; {@code next} is absent on the last page. */
    public record TimelinePage(List<CustomerEvent> events, String next) {
    }

    /** The body of a consent update: the new status and who set it (default "preference_centre"). */
    public record ConsentUpdate(String status, String source) {
    }

    /** Consent per channel ({@code never_asked} with no source until one says otherwise) and every change. */
    public record ConsentView(Map<String, ProfileState.Consent> channels, List<ProfileState.ConsentChange> history) {
        public static ConsentView of(ProfileState s) {
            Map<String, ProfileState.Consent> channels = new LinkedHashMap<>();
            for (ConsentChannel c : ConsentChannel.values()) {
                channels.put(c.name(), s.consent.getOrDefault(c.name(), new ProfileState.Consent(ConsentStatus.never_asked.name(), null, null)));
            }
            return new ConsentView(channels, s.consentHistory);
        }
    }

    /** Everything held about a profile. */
    public record ProfileExport(ProfileView profile, ConsentView consent, List<CustomerEvent> events, List<String> mergedProfileIds,
                                Instant exportedAt) {
    }
}
