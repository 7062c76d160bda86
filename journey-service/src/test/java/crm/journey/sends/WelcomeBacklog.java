package crm.journey.sends;

import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.journeys.JourneyTemplates;
import crm.journey.runs.RunProgress;
import crm.journey.runtime.Database;
import crm.journey.workspaces.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Welcome runs of new customers started in one commit, with their first email due (now, or when the test says), and the sends they wrote. */
@ApplicationScoped
class WelcomeBacklog {
    @Inject
    Database database;
    @Inject
    Workspaces workspaces;
    @Inject
    JourneyRepository journeys;
    @Inject
    RunProgress progress;

    /** A send's row as the workers leave it. */
    record SendRow(String status, int attempts, boolean published) {
    }

    /** Starts {@code count} Welcome runs in the workspace in one commit; returns their recipients. */
    List<String> start(String ws, String prefix, int count) {
        List<String> recipients = new ArrayList<>();
        Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            recipients.add(prefix + "-" + i + "-" + UUID.randomUUID() + "@example.com");
            profiles.put("p-" + i, Map.of("email", recipients.get(i)));
        }
        startAt(ws, profiles, Instant.now());
        return recipients;
    }

    /** Starts the Welcome runs of these profiles (id -> traits) in one commit, as of {@code at}: their first email is due then. */
    void startAt(String ws, Map<String, Map<String, Object>> profiles, Instant at) {
        database.inTransaction(c -> {
            workspaces.prepare(c, ws, Instant.now());
            Journey welcome = journeys.find(c, ws, JourneyTemplates.journeyId(ws, JourneyTemplates.WELCOME)).orElseThrow();
            for (var profile : profiles.entrySet()) progress.start(c, welcome, profile.getKey(), "", profile.getValue(), at);
            return null;
        });
    }

    /** Recipient -> its send's row, for the workspace's sends. */
    Map<String, SendRow> sends(String ws) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select recipient, status, attempts, published_at is not null from sends where workspace_id = ?")) {
                ps.setString(1, ws);
                Map<String, SendRow> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), new SendRow(rs.getString(2), rs.getInt(3), rs.getBoolean(4)));
                }
                return out;
            }
        });
    }
}
