package crm.journey.sends;

import crm.events.MessageEvent;
import crm.journey.TestClock;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Trigger;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.journeys.JourneyStatus;
import crm.journey.providers.ProviderStubs;
import crm.journey.runs.RunProgress;
import crm.journey.runtime.Database;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Frequency caps are checked and counted atomically: two workers (two replicas) sending two marketing emails of one
 * profile at the same moment send one, and skip the other at the cap (1 email per 24 h).
 */
@QuarkusTest
@TestProfile(ManualSendWorker.class)
@QuarkusTestResource(CrmTestInfra.class)
@QuarkusTestResource(ProviderStubs.class)
class CapRaceTest {
    static final int PROFILES = 10;

    @Inject
    Database database;
    @Inject
    JourneyRepository journeys;
    @Inject
    RunProgress progress;
    @Inject
    SendWorker worker;

    static Journey oneEmail(String ws, String name) {
        return new Journey(UUID.randomUUID().toString(), ws, null, name, JourneyStatus.active,
                new JourneyDefinition(new Trigger.SegmentEntered("seg-" + name),
                        List.of(new Step.Send("mail", MessageEvent.Channel.email, "welcome"))), 1, TestClock.now());
    }

    @Test
    void two_workers_sending_to_the_same_profiles_at_once_keep_the_cap_exactly() throws Exception {
        String ws = "ws-" + UUID.randomUUID();
        List<String> emails = new ArrayList<>();
        Instant base = TestClock.now();
        database.inTransaction(c -> {
            Journey a = oneEmail(ws, "a");
            Journey b = oneEmail(ws, "b");
            journeys.insert(c, a);
            journeys.insert(c, b);
            for (int i = 0; i < PROFILES; i++) {
                String email = "cap-" + i + "-" + UUID.randomUUID() + "@example.com";
                emails.add(email);
                // Both sends of a profile are due at the same instant, so the two workers claim them side by side.
                Instant due = base.plusMillis(i);
                progress.start(c, a, "p-" + i, "", Map.of("email", email), due);
                progress.start(c, b, "p-" + i, "", Map.of("email", email), due);
            }
            return null;
        });

        // Two workers in lockstep: each round both claim at once, one send each, so the two sends of a profile are
        // checked against its cap at the same moment (what two replicas do when they share due work).
        CyclicBarrier roundStarts = new CyclicBarrier(2);
        AtomicInteger claimed = new AtomicInteger();
        AtomicBoolean more = new AtomicBoolean(true);
        CyclicBarrier roundEnds = new CyclicBarrier(2, () -> more.set(claimed.getAndSet(0) > 0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    try {
                        do {
                            roundStarts.await(2, TimeUnit.MINUTES);
                            claimed.addAndGet(worker.deliverDue(1));
                            roundEnds.await(2, TimeUnit.MINUTES);
                        } while (more.get());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        // A provider error puts a send back for a retry a moment later: let those finish too.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            worker.deliverDue();
            return outcomes(ws).values().stream().flatMap(List::stream).noneMatch(o -> o.equals("pending") || o.equals("sending"));
        });

        assertThat(emails).allSatisfy(e -> assertThat(CrmTestInfra.smtp().receivedBy(e)).as(e).hasSize(1));
        assertThat(outcomes(ws)).hasSize(PROFILES).allSatisfy((profile, statuses) ->
                assertThat(statuses).as(profile).containsExactlyInAnyOrder("sent", "skipped/frequency_cap"));
    }

    private Map<String, List<String>> outcomes(String ws) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select r.profile_id, s.status, s.skip_reason from sends s join runs r on r.id = s.run_id
                    where s.workspace_id = ? order by r.profile_id""")) {
                ps.setString(1, ws);
                Map<String, List<String>> out = new java.util.TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(rs.getString(2) + (rs.getString(3) == null ? "" : "/" + rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }
}
