package crm.profile.privacy;

import crm.events.CustomerEvent;
import crm.events.Json;
import crm.profile.api.ProfileExports;
import crm.profile.api.ProfileResource;
import crm.profile.identity.IdentityRepository;
import crm.profile.identity.IdentityResolution;
import crm.profile.identity.MergeRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * GDPR access requests ("Profile Export Requested", e.g. Shopify customers/data_request): each is recorded as a data
 * request of its workspace, pending, in the transaction that claims the event; its document (the export of every
 * profile the request's identities name, the same as {@code GET /v1/profiles/{id}/export}) is built right after, or
 * by the sweep when that failed. Status: pending, ready, or no_data_held when we hold nothing about the customer.
 * Erasing a profile deletes the requests about it (their documents are personal data).
 */
@ApplicationScoped
public class DataRequests {
    private static final Logger LOG = Logger.getLogger(DataRequests.class);
    public static final String PENDING = "pending";
    public static final String READY = "ready";
    public static final String NO_DATA_HELD = "no_data_held";
    private static final String COLUMNS = "id, workspace_id, status, source, external_id, event_id, profile_ids, requested_at, completed_at";

    @Inject
    DataSource dataSource;
    @Inject
    InstantSource clock;
    @Inject
    IdentityRepository identities;
    @Inject
    MergeRepository merges;
    @Inject
    ProfileExports exports;
    @ConfigProperty(name = "crm.profile.phone.default-region", defaultValue = "US")
    String phoneRegion;
    /** The HTTP API's own mapper: the stored document is byte for byte what GET /v1/profiles/{id}/export answers. */
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper apiJson;

    /** A data request without its document. */
    public record Summary(String id, String workspaceId, String status, String source, String externalId, String eventId,
                          List<String> profileIds, Instant requestedAt, Instant completedAt) {
    }

    /** A data request with its document: one export per profile held about the customer (none when no data is held). */
    public record Document(String id, String workspaceId, String status, String source, String externalId, String eventId,
                           List<String> profileIds, Instant requestedAt, Instant completedAt, List<Object> exports) {
    }

    /** Records the request, pending, in the caller's transaction; answers its id. */
    public UUID record(Connection c, CustomerEvent request, Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        Object external = request.properties().get("data_request_id");
        try (PreparedStatement s = c.prepareStatement("insert into data_requests (id, workspace_id, event_id, status, source, "
                + "external_id, request, requested_at) values (?, ?, ?, 'pending', ?, ?, ?::jsonb, ?)")) {
            s.setObject(1, id);
            s.setString(2, request.workspaceId());
            s.setString(3, request.id());
            s.setString(4, request.source());
            s.setString(5, external == null ? null : external.toString());
            s.setString(6, Json.write(request));
            s.setObject(7, now.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
        return id;
    }

    /** Builds the document now; a failure is logged and left to the sweep. */
    public void completeQuietly(UUID id) {
        try {
            complete(id);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("data request %s: building its export failed, the sweep retries: %s", id, e.toString());
        }
    }

    /** Builds the document of a pending request; false when it is not pending (done, or being done elsewhere). */
    public boolean complete(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                CustomerEvent request;
                try (PreparedStatement s = c.prepareStatement("select request::text from data_requests where id = ? "
                        + "and status = 'pending' for update skip locked")) {
                    s.setObject(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return false;
                        }
                        request = Json.read(rs.getString(1), CustomerEvent.class);
                    }
                }
                String ws = request.workspaceId();
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                List<Object> documents = new ArrayList<>();
                List<UUID> held = new ArrayList<>();
                for (UUID profileId : profilesNamed(c, request)) {
                    Optional<ProfileResource.ProfileExport> export = exports.export(c, ws, profileId, now);
                    if (export.isEmpty()) continue;
                    held.add(profileId);
                    documents.add(export.get());
                }
                try (PreparedStatement s = c.prepareStatement("update data_requests set status = ?, profile_ids = ?, document = ?::jsonb, "
                        + "completed_at = ? where id = ?")) {
                    s.setString(1, held.isEmpty() ? NO_DATA_HELD : READY);
                    s.setArray(2, c.createArrayOf("uuid", held.toArray()));
                    s.setString(3, apiJson.writeValueAsString(documents));
                    s.setObject(4, now.atOffset(ZoneOffset.UTC));
                    s.setObject(5, id);
                    s.executeUpdate();
                }
                c.commit();
                return true;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw new IllegalStateException("cannot write the export of data request " + id, e);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The profiles the request names now (a merged profile's survivor), in id order. */
    private TreeSet<UUID> profilesNamed(Connection c, CustomerEvent request) throws SQLException {
        String ws = request.workspaceId();
        TreeSet<UUID> out = new TreeSet<>();
        for (UUID id : identities.known(c, ws, IdentityResolution.identitiesOf(request, phoneRegion)).values()) {
            out.add(merges.current(c, ws, id));
        }
        Optional<UUID> declared = IdentityResolution.declaredProfileId(request);
        if (declared.isPresent()) out.add(merges.current(c, ws, declared.get()));
        return out;
    }

    /** Requests whose document a failure (or a crash) left unbuilt. */
    @Scheduled(every = "${crm.profile.data-requests.sweep-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        List<UUID> pending = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select id from data_requests where status = 'pending' order by requested_at limit 100");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) pending.add(rs.getObject(1, UUID.class));
        } catch (SQLException e) {
            LOG.warnf("data request sweep: %s", e.toString());
            return;
        }
        pending.forEach(this::completeQuietly);
    }

    /** The workspace's requests, newest first. */
    public List<Summary> list(String ws, String status, int limit) throws SQLException {
        List<Summary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from data_requests where workspace_id = ?"
                     + (status == null ? "" : " and status = ?") + " order by requested_at desc, id limit ?")) {
            int i = 1;
            s.setString(i++, ws);
            if (status != null) s.setString(i++, status);
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(summary(rs));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public Optional<Document> find(String ws, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + ", document::text from data_requests where workspace_id = ? and id = ?")) {
            s.setString(1, ws);
            s.setObject(2, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Summary m = summary(rs);
                String document = rs.getString(10);
                List<Object> exported = document == null ? null : Json.read(document, List.class);
                return Optional.of(new Document(m.id(), m.workspaceId(), m.status(), m.source(), m.externalId(), m.eventId(),
                        m.profileIds(), m.requestedAt(), m.completedAt(), exported));
            }
        }
    }

    /** An erased profile's data requests go with it (including those about profiles merged into it). */
    void onErasing(@Observes ProfileErasing erasing) throws SQLException {
        List<UUID> ids = new ArrayList<>(merges.mergedInto(erasing.connection(), erasing.profileId()));
        ids.add(erasing.profileId());
        try (PreparedStatement s = erasing.connection().prepareStatement(
                "delete from data_requests where workspace_id = ? and profile_ids && ?")) {
            s.setString(1, erasing.workspaceId());
            s.setArray(2, erasing.connection().createArrayOf("uuid", ids.toArray()));
            s.executeUpdate();
        }
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        List<String> profileIds = new ArrayList<>();
        Array a = rs.getArray(7);
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) profileIds.add(o.toString());
        }
        return new Summary(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), profileIds, instant(rs, 8), instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
